import CQPDF
import Foundation

/// A signature found in a PDF: its field, its dictionary and what it covers. The CMS inside is checked by
/// `DossierSignature`; this is the PDF side.
public struct EmbeddedSignature: Sendable {
    public var field: String
    public var byteRange: [Int]
    /// The /Contents string: the CMS DER, followed by the zeros of the unused room.
    public var contents: [UInt8]
    /// `/M`, the signing time the signer claims.
    public var time: String?
    public var name: String?
    public var reason: String?
    public var subFilter: String?
    /// Whether it certifies the document (a DocMDP reference): the catalog changes in its revision too.
    public var certifies: Bool
    /// The object number of the field (for the changes allowed after it).
    var fieldObject: Int

    /// The end of the bytes the signature covers: the end of its revision.
    public var coveredEnd: Int { byteRange.count == 4 ? byteRange[2] + byteRange[3] : 0 }
}

/// The signatures and revisions of a PDF, read for `verify` and before signing.
public struct SignedPDF {
    public let bytes: [UInt8]
    public let revisions: [Revision]
    /// Signatures in the order they were made (by the end of what they cover).
    public let signatures: [EmbeddedSignature]
    /// The end of the revision Dossier rendered and sealed (nil: no seal).
    public let sealedEnd: Int?
    private let formObject: Int
    private let rootObject: Int

    public static func read(_ url: URL) throws -> SignedPDF {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw ArchiveError.io(file: url.path, reason: "cannot read the file")
        }
        let bytes = [UInt8](data)
        let d = try QPDFDocument(reading: url.path)
        let signatures = SignatureUpdate.signatureFields(d).compactMap { field -> EmbeddedSignature? in
            guard let value = d.key(field.field, "/V"), d.isDictionary(value) else { return nil }
            let ranges = d.key(value, "/ByteRange").map(d.items)?.compactMap(d.integer) ?? []
            return EmbeddedSignature(field: field.name, byteRange: ranges, contents: d.key(value, "/Contents").map { binary(d, $0) } ?? [],
                                     time: d.key(value, "/M").flatMap(d.string), name: d.key(value, "/Name").flatMap(d.string),
                                     reason: d.key(value, "/Reason").flatMap(d.string),
                                     subFilter: d.key(value, "/SubFilter").map { String(cString: qpdf_oh_get_name(d.q, $0)) },
                                     certifies: isCertification(value, d), fieldObject: d.objectID(field.field))
        }.sorted { $0.coveredEnd < $1.coveredEnd }
        let form = d.key(d.root, "/AcroForm").map(d.objectID) ?? 0
        return SignedPDF(bytes: bytes, revisions: Revisions.all(bytes), signatures: signatures,
                         sealedEnd: Revisions.sealedEnd(bytes), formObject: form, rootObject: d.objectID(d.root))
    }

    /// A signature dictionary whose /Reference names the DocMDP transform.
    private static func isCertification(_ signature: qpdf_oh, _ d: QPDFDocument) -> Bool {
        guard let references = d.key(signature, "/Reference") else { return false }
        return d.items(references).contains { reference in
            d.key(reference, "/TransformMethod").map { qpdf_oh_is_name_and_equals(d.q, $0, "/DocMDP") != 0 } == true
        }
    }

    private static func binary(_ d: QPDFDocument, _ oh: qpdf_oh) -> [UInt8] {
        var length = 0
        guard let pointer = qpdf_oh_get_binary_string_value(d.q, oh, &length) else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// Whether the rendered revision still carries its seal (nil: there is none).
    public var sealIntact: Bool? {
        sealedEnd.flatMap { Seal.isIntact(Array(bytes[..<$0])) }
    }

    /// The bytes a signature covers, or nil when its byte range is not the whole of its revision less
    /// exactly its /Contents hex string.
    public func signedBytes(_ signature: EmbeddedSignature) -> [UInt8]? {
        let r = signature.byteRange
        guard r.count == 4, r[0] == 0, r[1] > 0, r[2] > r[1] + 1, r[3] >= 0, r[2] + r[3] <= bytes.count,
              bytes[r[1]] == UInt8(ascii: "<"), bytes[r[2] - 1] == UInt8(ascii: ">"),
              r[2] - r[1] == 2 * signature.contents.count + 2,
              revisions.contains(where: { $0.end == r[2] + r[3] }) else { return nil }
        return Array(bytes[0..<r[1]]) + Array(bytes[r[2]..<(r[2] + r[3])])
    }

    /// What changed after `end` other than later signatures: each later revision must end with a signature
    /// and change no earlier object but that signature's field and the form. Empty when nothing else changed.
    public func changes(after end: Int) -> [String] {
        var problems: [String] = []
        for revision in revisions where revision.end > end {
            guard let signature = signatures.first(where: { $0.coveredEnd == revision.end }) else {
                problems.append("bytes \(revisions.last { $0.end < revision.end }?.end ?? 0)–\(revision.end) were added without a signature")
                continue
            }
            // A certification names itself in the catalog (/Perms): the one more object its revision changes.
            let allowed = [signature.fieldObject, formObject] + (signature.certifies ? [rootObject] : [])
            let others = revision.changedObjects.subtracting(allowed)
            if !others.isEmpty {
                problems.append("the revision of «\(signature.field)» also changed object(s) \(others.sorted().map(String.init).joined(separator: ", "))")
            }
        }
        if let last = revisions.last, last.end < bytes.count {
            problems.append("\(bytes.count - last.end) bytes after the last revision")
        }
        return problems
    }
}
