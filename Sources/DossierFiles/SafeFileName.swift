import Foundation

/// The one rule for turning a code, an id or a title into a file name, shared by the dossiers' paths
/// (`DossierModel.FileName`) and the mail attachments' ASCII names (`DossierMail`).
public enum SafeFileName {
    /// `text` with every character other than ASCII letters, digits, `-`, `_` and `.` replaced by `_`, and
    /// without leading or trailing `.` and `_` (no hidden files, no `..`). Empty when nothing is left.
    /// Safe in paths, in email attachments and on every file system.
    public static func sanitized(_ text: String) -> String {
        let kept = text.unicodeScalars.map { scalar -> Character in
            let character = Character(scalar)
            let plain = scalar.isASCII && (character.isLetter || character.isNumber)
            return plain || character == "-" || character == "_" || character == "." ? character : "_"
        }
        return String(kept).trimmingCharacters(in: CharacterSet(charactersIn: "._"))
    }
}
