import DossierArchive
import DossierModel
import Foundation

/// The data as every PDF of a batch carries it: its JSON, its fingerprint and the attachment (compressed once).
struct AttachedSource: Sendable {
    let json: Data
    let fingerprint: String
    let attachment: Attachment

    init(_ convention: Convention) throws {
        json = try SourceData.json(convention)
        fingerprint = SourceData.fingerprint(of: json)
        attachment = try Attachment(fileName: SourceData.fileName, data: json,
                                    description: "المعطيات التي أنجز منها هذا الملف – Source data of this dossier (fingerprint \(fingerprint))")
    }
}
