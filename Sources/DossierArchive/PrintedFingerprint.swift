import Foundation

/// The data fingerprint as the pages print it (the footer's «البصمة» followed by 12 hexadecimal digits).
enum PrintedFingerprint {
    static func all(_ d: QPDFDocument) throws -> [String] {
        var maps: [Int: ToUnicode] = [:]
        return try d.pages.compactMap { page in find(in: try PrintedText.text(of: page, d, maps: &maps)) }
    }

    /// The 12 hex digits after the word «البصمة» (written in visual order, so it may read reversed).
    static func find(in text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.contains("البصمة") || line.contains("ةمصبلا") {
            if let range = line.range(of: #"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])"#, options: .regularExpression) {
                return String(line[range])
            }
        }
        return nil
    }
}
