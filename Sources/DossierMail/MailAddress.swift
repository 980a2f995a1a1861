/// Checks an address given on the command line before it reaches a header or the SMTP envelope: a line
/// break there would add headers (`Bcc:`) to every message, and `<`, `>`, `,` or `;` would add addresses.
public enum MailAddress {
    /// Characters RFC 5322 allows in an unquoted local part (dot-atom text).
    static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
    /// Letters, digits, `-` and `.`: host names.
    static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")

    /// Why `address` is not a plain `local@domain` address, or nil when it is one.
    public static func problem(_ address: String) -> String? {
        if let bad = address.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "it contains a control character (U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(4)), "
                + "e.g. a line break), which would let it add headers to every message"
        }
        if let bad = address.first(where: { "<>,;\"()[]\\: ".contains($0) }) {
            return "it contains «\(bad)»; write the bare address, e.g. dossiers@province.ma (the name goes in --from-name)"
        }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else {
            return "it must have exactly one @, as in dossiers@province.ma"
        }
        guard !local.isEmpty, local.count <= 64, local.allSatisfy(localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else {
            return "«\(local)» is not a valid name before the @ (ASCII letters, digits and !#$%&'*+-/=?^_`{|}~. only)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard domain.count <= 253, labels.count >= 1,
              labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && $0.allSatisfy(domainCharacters.contains) && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else {
            return "«\(domain)» is not a valid domain after the @ (letters, digits, - and dots)"
        }
        return nil
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
