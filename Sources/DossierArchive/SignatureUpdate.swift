import CQPDF
import Foundation

/// What a signature dictionary says besides the signature: who, when (PAdES: the time is /M, not a signed
/// attribute), why and where.
public struct SignatureDetails: Sendable {
    public var signer: String
    public var date: Date
    public var reason: String?
    public var location: String?
    /// A certification signature (DocMDP, permission 2): the first signature of the dossier, after which only
    /// filling in signature fields (the partners' signatures) is allowed.
    public var certify: Bool
    public init(signer: String, date: Date, reason: String? = nil, location: String? = nil, certify: Bool = false) {
        self.signer = signer; self.date = date; self.reason = reason; self.location = location; self.certify = certify
    }
}

/// A dossier with a signature's incremental update appended and its /Contents still zero: the bytes the
/// signature covers are known, the CMS goes in with `insert`.
public struct PreparedSignature {
    public private(set) var bytes: [UInt8]
    /// `/ByteRange`: offset and length of the bytes before and after the /Contents hex string.
    public let byteRange: [Int]
    private let contentsDigits: Range<Int>

    /// The bytes the signature covers (all but the /Contents hex string).
    public var signedBytes: ArraySlice<UInt8> {
        bytes[0..<byteRange[1]] + bytes[byteRange[2]..<(byteRange[2] + byteRange[3])]
    }

    init(bytes: [UInt8], byteRange: [Int], contentsDigits: Range<Int>) {
        self.bytes = bytes; self.byteRange = byteRange; self.contentsDigits = contentsDigits
    }

    /// Writes the CMS signature (DER) into the reserved hex string.
    public mutating func insert(_ cms: [UInt8]) throws {
        let hex = Array(cms.map { String(format: "%02x", $0) }.joined().utf8)
        guard hex.count <= contentsDigits.count else {
            throw ArchiveError.io(file: "signature", reason: "the signature (\(cms.count) bytes) is larger than the "
                                  + "\(contentsDigits.count / 2) bytes reserved for it")
        }
        bytes.replaceSubrange(contentsDigits.lowerBound..<(contentsDigits.lowerBound + hex.count), with: hex)
    }
}

/// Appends a signature to a dossier as an incremental update: the signature dictionary (the only PDF
/// syntax written by hand here, with its byte-range placeholder), the field's new appearance and /V, and
/// /SigFlags on the form. Earlier revisions are left byte for byte, so earlier signatures stay valid.
public enum SignatureUpdate {
    /// Room for the CMS: certificates, the signature and a timestamp token fit in far less.
    public static let reservedBytes = 24 << 10
    static let byteRangePlaceholder = "/ByteRange [0 0000000000 0000000000 0000000000]"

    /// The signature fields of a dossier: name, whether signed, and the size of the widget in points.
    public static func fields(of url: URL) throws -> [(name: String, signed: Bool, width: Double, height: Double)] {
        let d = try QPDFDocument(reading: url.path)
        return signatureFields(d).map { field in
            let size = widgetSize(field.field, d)
            return (field.name, d.key(field.field, "/V") != nil, size.width, size.height)
        }
    }

    static func widgetSize(_ field: qpdf_oh, _ d: QPDFDocument) -> (width: Double, height: Double) {
        let rect = d.key(field, "/Rect").map(d.items)?.map { qpdf_oh_get_numeric_value(d.q, $0) } ?? []
        return rect.count == 4 ? (abs(rect[2] - rect[0]), abs(rect[3] - rect[1])) : (0, 0)
    }

    static func signatureFields(_ d: QPDFDocument) -> [(name: String, field: qpdf_oh)] {
        guard let form = d.key(d.root, "/AcroForm"), let fields = d.key(form, "/Fields") else { return [] }
        return d.items(fields).compactMap { field in
            guard d.key(field, "/FT").map({ qpdf_oh_is_name_and_equals(d.q, $0, "/Sig") != 0 }) == true,
                  let name = d.key(field, "/T").flatMap(d.string) else { return nil }
            return (name, field)
        }
    }

    /// `original` (the bytes of `url`) with the update appended; the field must exist and be empty.
    /// `appearance` is a one-page PDF drawn for the field (nil: a plain frame).
    public static func prepare(_ url: URL, original: [UInt8], field name: String, details: SignatureDetails,
                               appearance: URL?) throws -> PreparedSignature {
        let d = try QPDFDocument(reading: url.path)
        let fields = signatureFields(d)
        guard let field = fields.first(where: { $0.name == name })?.field else {
            let known = fields.map(\.name).joined(separator: ", ")
            throw ArchiveError.io(file: url.path, reason: "no signature field «\(name)»" + (known.isEmpty ? " (it has none)" : "; its fields: \(known)"))
        }
        guard d.key(field, "/V") == nil else { throw ArchiveError.io(file: url.path, reason: "the field «\(name)» is already signed") }
        if details.certify, let signed = fields.first(where: { d.key($0.field, "/V") != nil }) {
            throw ArchiveError.io(file: url.path, reason: "only the first signature can certify the dossier, and «\(signed.name)» "
                                  + "has already signed it; sign without --certify")
        }
        guard let previousXref = IncrementalUpdate.lastXref(Data(original.suffix(64))),
              let identifier = Seal.identifierRanges(original).map({ Array(original[$0[0]]) }) else {
            throw ArchiveError.notSealed(file: url.path)
        }
        var changes = PDFFinisher.Changes(firstNew: d.size)
        let signature = changes.add(Data(dictionary(details).utf8), verbatim: true)
        let size = widgetSize(field, d)
        let shown = try AppearanceImport.xobject(from: appearance, width: size.width, height: size.height, d, &changes)
        d.set(field, "/V", PDFFinisher.Changes.reference(signature, d))
        if details.certify {
            // The catalog names the certification signature (ISO 32000-1, 12.8.2.2).
            d.set(d.root, "/Perms", d.dictionary([("/DocMDP", PDFFinisher.Changes.reference(signature, d))]))
            changes.touch(d.objectID(d.root))
        }
        d.set(field, "/AP", d.dictionary([("/N", shown)]))
        changes.touch(d.objectID(field))
        let form = d.key(d.root, "/AcroForm")!
        d.set(form, "/SigFlags", d.integer(3))
        changes.touch(d.objectID(form) > 0 ? d.objectID(form) : d.objectID(d.root))
        let info = d.key(d.trailer, "/Info").map(d.objectID) ?? 0
        // A signed file is only ever appended to: the changed objects go in the update too, never in place.
        var update = try changes.update(d, firstNew: d.size)
        let replaced = try changes.replacements(d)
        for id in replaced.ids { if let body = try replaced.body(id) { update.set(id, body) } }
        // The trailer keeps the dossier's identifier (its seal): a signature does not re-seal the file.
        let bytes = update.appended(to: original, root: d.objectID(d.root), info: info, previousXref: previousXref,
                                    identifier: identifier)
        return try placeRanges(in: bytes, after: original.count, file: url.path)
    }

    /// The signature dictionary with zeroed /Contents and a byte-range placeholder of fixed width.
    static func dictionary(_ details: SignatureDetails) -> String {
        var entries = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached\n"
            + "\(byteRangePlaceholder)\n/Contents <\(String(repeating: "0", count: 2 * reservedBytes))>\n"
            + "/M \(PDFSyntax.text(pdfDate(details.date))) /Name \(PDFSyntax.text(details.signer))"
        if let reason = details.reason { entries += " /Reason \(PDFSyntax.text(reason))" }
        if let location = details.location { entries += " /Location \(PDFSyntax.text(location))" }
        if details.certify {
            // Permission 2: filling in forms and signing allowed, nothing else.
            entries += "\n/Reference [<< /Type /SigRef /TransformMethod /DocMDP /TransformParams << /Type /TransformParams /P 2 /V /1.2 >> >>]"
        }
        return entries + " >>"
    }

    static func pdfDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return "D:" + formatter.string(from: date) + "+00'00'"
    }

    /// Fills the byte-range placeholder once the file's length is known.
    private static func placeRanges(in bytes: [UInt8], after start: Int, file: String) throws -> PreparedSignature {
        let tail = bytes[start...]
        guard let placeholder = find(Array(byteRangePlaceholder.utf8), in: tail),
              let contents = find(Array("/Contents <".utf8), in: bytes[placeholder...]) else {
            throw ArchiveError.io(file: file, reason: "the signature dictionary was not written")
        }
        let open = contents + "/Contents ".count
        let close = open + 2 * reservedBytes + 1
        let ranges = [0, open, close + 1, bytes.count - close - 1]
        var text = "/ByteRange [\(ranges.map(String.init).joined(separator: " "))]"
        text += String(repeating: " ", count: byteRangePlaceholder.utf8.count - text.utf8.count)
        var out = bytes
        out.replaceSubrange(placeholder..<(placeholder + text.utf8.count), with: Array(text.utf8))
        return PreparedSignature(bytes: out, byteRange: ranges, contentsDigits: (open + 1)..<close)
    }

    static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.startIndex
        while index + needle.count <= haystack.endIndex {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

extension IncrementalUpdate {
    /// The original bytes followed by this update, its trailer carrying `identifier` as it is (a signature
    /// keeps the identifier of the revision it signs).
    func appended(to original: [UInt8], root: Int, info: Int, previousXref: Int, identifier: [UInt8]) -> [UInt8] {
        var out = original
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        var offsets: [Int: Int] = [:]
        for (id, body) in objects.sorted(by: { $0.id < $1.id }) {
            offsets[id] = out.count
            out += Array("\(id) 0 obj\n".utf8) + Array(body) + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var section = Self.crossReferenceSection(offsets)
        let id = String(decoding: identifier, as: UTF8.self)
        section += "trailer\n<< /Size \(nextID) /Root \(root) 0 R /Info \(info) 0 R /Prev \(previousXref) "
            + "/ID [<\(id)><\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(section.utf8)
    }
}
