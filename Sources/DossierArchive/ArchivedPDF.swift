import CQPDF
import Foundation

/// What a finished dossier PDF carries, read back for `extract` and `verify`.
public struct ArchivedPDF {
    /// Attached files by name.
    public var attachments: [String: Data]
    /// The fingerprint recorded in the XMP metadata.
    public var fingerprint: String?
    /// Whether the file still matches its seal (nil when it has no identifier).
    public var intact: Bool?
    /// The fingerprints the pages print (one per page that prints one; see `PrintedFingerprint`).
    public var printedFingerprints: [String] = []

    /// Reads `url`. Attached files and metadata larger than `BoundedStream.maximumBytes` once inflated are
    /// refused (a small hostile PDF can hold gigabytes of compressed zeros).
    public static func read(_ url: URL) throws -> ArchivedPDF {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw ArchiveError.io(file: url.path, reason: "cannot read the file")
        }
        let intact = Seal.isIntact(Array(bytes))
        let d = try QPDFDocument(reading: url.path)
        var attachments: [String: Data] = [:]
        for spec in d.key(d.root, "/AF").map(d.items) ?? [] {
            guard let name = d.key(spec, "/UF").flatMap(d.string) ?? d.key(spec, "/F").flatMap(d.string),
                  let ef = d.key(spec, "/EF"), let stream = d.key(ef, "/F") else { continue }
            attachments[name] = try bounded("the attached file «\(name)»", in: url) { try d.boundedStreamData(stream) }
        }
        let fingerprint = try d.key(d.root, "/Metadata")
            .map { metadata in try bounded("the XMP metadata", in: url) { try d.boundedStreamData(metadata) } }
            .flatMap(XMP.fingerprint(in:))
        return ArchivedPDF(attachments: attachments, fingerprint: fingerprint, intact: intact,
                           printedFingerprints: try bounded("a page's content or the text map of one of its fonts", in: url) { try PrintedFingerprint.all(d) })
    }

    /// Runs `read`, turning a refused stream into a message naming `what` and the file.
    private static func bounded<Read>(_ what: String, in url: URL, _ read: () throws -> Read) throws -> Read {
        let megabytes = BoundedStream.maximumBytes >> 20
        do {
            return try read()
        } catch BoundedStream.Refusal.tooLarge(let declared) {
            let size = declared.map { " (it declares \($0) bytes)" } ?? ""
            throw ArchiveError.io(file: url.path, reason: "\(what) is larger than \(megabytes) MB once inflated\(size); a "
                                  + "dossier's data is far smaller, so the file was refused without inflating it further")
        } catch BoundedStream.Refusal.sizeMismatch(let declared, let actual) {
            throw ArchiveError.io(file: url.path, reason: "\(what) declares \(declared) bytes but holds \(actual): the file is damaged")
        } catch BoundedStream.Refusal.unsupported(let filter) {
            throw ArchiveError.io(file: url.path, reason: "\(what) is encoded with \(filter), which dossier never writes")
        } catch BoundedStream.Refusal.corrupt {
            throw ArchiveError.io(file: url.path, reason: "\(what) is not valid compressed data: the file is damaged")
        }
    }
}
