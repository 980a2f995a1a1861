/// The email addresses validation accepts: a deliberately simple subset of RFC 5321, enough for every
/// real mailbox of a partner and nothing that could add a recipient or a header to a message
/// (no spaces, line breaks, commas, semicolons, angle brackets, quotes or second `@`).
///
/// `local@domain`: the local part is letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, not starting or ending
/// with a dot nor with two dots in a row; the domain is labels of letters, digits and hyphens (not at a
/// label's ends) separated by dots, with at least one dot. Letters are ASCII.
enum EmailAddress {
    static let localSymbols = Set(".!#$%&'*+/=?^_`{|}~-".unicodeScalars)

    /// Why `text` is not an accepted address, or nil when it is one.
    static func problem(with text: String) -> String? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "an email address has exactly one @" }
        return localProblem(parts[0]) ?? domainProblem(parts[1])
    }

    private static func localProblem(_ local: Substring) -> String? {
        guard !local.isEmpty else { return "the name before the @ is missing" }
        if let bad = local.unicodeScalars.first(where: { !isASCIIAlphanumeric($0) && !localSymbols.contains($0) }) {
            return "«\(shown(String(Character(bad))))» is not allowed before the @ (letters, digits and .!#$%&'*+/=?^_`{|}~- are)"
        }
        if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") {
            return "the name before the @ may not start or end with a dot, nor have two dots in a row"
        }
        return nil
    }

    private static func domainProblem(_ domain: Substring) -> String? {
        if let bad = domain.unicodeScalars.first(where: { !isASCIIAlphanumeric($0) && $0 != "-" && $0 != "." }) {
            return "«\(shown(String(Character(bad))))» is not allowed after the @ (letters, digits, hyphens and dots are)"
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "the domain after the @ needs at least one dot, e.g. example.ma" }
        if labels.contains(where: { $0.isEmpty || $0.hasPrefix("-") || $0.hasSuffix("-") }) {
            return "each part of the domain between dots needs letters or digits, with no hyphen at its ends"
        }
        return nil
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
