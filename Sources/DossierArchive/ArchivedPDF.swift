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

    /// Reads `url`.
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
            attachments[name] = try d.streamData(stream)
        }
        let fingerprint = try d.key(d.root, "/Metadata").map(d.streamData).flatMap(XMP.fingerprint(in:))
        return ArchivedPDF(attachments: attachments, fingerprint: fingerprint, intact: intact)
    }
}
