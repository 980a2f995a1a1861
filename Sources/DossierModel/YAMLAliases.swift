/// Finds a YAML alias (`*name`) in a data file before it is composed.
///
/// Convention data takes no aliases. An alias repeats an anchored node without copying it, so a file of a few
/// hundred bytes can stand for millions of values; Yams composes such a file cheaply, but checks each mapping for
/// duplicate keys by hashing its keys whole, and a key that is an alias (`? *bomb`) or holds aliases
/// (`[*bomb, *bomb]: 1`) is walked value by value: a 441-byte file kept the server busy for minutes. Neither Yams
/// nor libyaml's events are reachable to count the expansion first, so the text is scanned here.
///
/// The rule is deliberately blunt, so that no alias gets past it: libyaml reads `*` as an alias only when an anchor
/// name follows (ASCII letters, digits, `-`, `_`) and only where a node may start: at the start of a line or after
/// `-`, `?`, `:`, `,`, `[` or `{`, spaces between. Every such `*` is refused, whether or not it is inside quotes or
/// a block of text (tracking those let aliases through: CRLF lines, `{"k":*a}`, a key beside a `|` block). What it
/// refuses that YAML would read as text is a `*` followed by a Latin letter or digit in those places (`note: *x`
/// in quotes); a `*` followed by a space or an Arabic letter, or inside a word, is never refused.
enum YAMLAliases {
    /// Where the first alias-like `*` is (1-based line and column, in characters) and the name after it; nil when
    /// there is none.
    static func first(in text: String) -> (line: Int, column: Int, name: String)? {
        // Most files hold no `*` at all.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        let scalars = Array(text.unicodeScalars)
        var line = 1, column = 0
        var nodeMayStart = true
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            column += 1
            if isBreak(scalar) {
                // A CR LF pair is one break.
                if scalar == "\r", index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
                line += 1
                column = 0
                nodeMayStart = true
            } else if scalar == "*", nodeMayStart, index + 1 < scalars.count, isAnchorCharacter(scalars[index + 1]) {
                let name = String(String.UnicodeScalarView(scalars[(index + 1)...].prefix(while: isAnchorCharacter).prefix(40)))
                return (line, column, name)
            } else if scalar != " " && scalar != "\t" {
                nodeMayStart = "-?:,[{".unicodeScalars.contains(scalar)
            }
            index += 1
        }
        return nil
    }

    /// The line breaks libyaml knows: LF, CR, NEL, LS and PS.
    private static func isBreak(_ scalar: Unicode.Scalar) -> Bool {
        ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar)
    }

    /// What libyaml takes for an anchor name's character.
    private static func isAnchorCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}
