import DossierArchive
import DossierModel
import Foundation

/// The data a dossier is rendered from, as the JSON attached to the PDF: the same schema as the input
/// files (so `dossier validate` reads it back), keys sorted so the same data always gives the same bytes.
public enum SourceData {
    public static let fileName = "convention.json"

    public static func json(_ convention: Convention) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(convention)
        data.append(0x0A)
        return data
    }

    /// The first 12 hexadecimal digits of the SHA-256 of the JSON: printed in every dossier's footer.
    public static func fingerprint(of json: Data) -> String {
        String(Seal.hex(digestOf: json).prefix(12))
    }
}
