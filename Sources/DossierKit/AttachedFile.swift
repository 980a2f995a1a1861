import DossierArchive
import DossierFiles
import Foundation

/// A file attached to a dossier PDF (the convention's data, `convention.json`), for `dossier extract`.
public struct AttachedFile: Sendable {
    /// The name the PDF gives it.
    public var name: String
    /// A plain file name to write it under: names come from the file, which may hold anything.
    public var safeName: String
    public var data: Data

    /// The attached files of `pdf`, by name.
    public static func all(in pdf: URL) throws -> [AttachedFile] {
        try ArchivedPDF.read(pdf).attachments.sorted { $0.key < $1.key }.map { name, data in
            let sanitized = SafeFileName.sanitized((name as NSString).lastPathComponent)
            return AttachedFile(name: name, safeName: sanitized.isEmpty ? "attachment" : sanitized, data: data)
        }
    }
}
