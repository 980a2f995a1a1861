/// Finds a YAML alias (`*name`) in a data file before it is composed.
///
/// Convention data takes no aliases. An alias repeats an anchored node without copying it, so a file of a few
/// hundred bytes can stand for millions of values; Yams composes such a file cheaply, but checks each mapping for
/// duplicate keys by hashing its keys whole, and a key that is an alias (`? *bomb`) or holds aliases
/// (`[*bomb, *bomb]: 1`) is walked value by value: a 441-byte file kept the server busy for minutes. Neither Yams
/// nor libyaml's events are reachable to count the expansion first, so the text is scanned here: an alias can only
/// start a node (at the start of a line's content, after `- `, `? `, `: `, `[`, `{` or `,`, past any anchor or tag),
/// never inside a quoted scalar, a comment or a block scalar (`|`, `>`), and a plain scalar keeps a `*` it holds.
/// The one text this refuses that YAML reads as text is a plain scalar's continuation line starting with `*`; the
/// message says to quote it.
enum YAMLAliases {
    /// Where the first alias is (1-based line and column, in characters) and its name; nil when there is none.
    static func first(in text: String) -> (line: Int, column: Int, name: String)? {
        // Most files hold no `*` at all.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var scanner = Scanner()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let characters = Array(line.unicodeScalars.map(Character.init).filter { $0 != "\r" })
            if let (column, name) = scanner.scan(characters) { return (index + 1, column + 1, name) }
        }
        return nil
    }

    private struct Scanner {
        var inDoubleQuotes = false
        var inSingleQuotes = false
        /// Inside a block scalar: the indentation of the line that opened it (its content is indented more).
        var blockParentIndent: Int?
        /// How deep in flow collections (`[...]`, `{...}`), which may span lines.
        var flowDepth = 0
        /// Whether the next character may start a node (where `*` is an alias).
        var atNodeStart = true

        /// The column and name of an alias on this line, if any.
        mutating func scan(_ line: [Character]) -> (Int, String)? {
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if let parent = blockParentIndent {
                if indent == line.count || indent > parent { return nil }
                blockParentIndent = nil
            }
            if flowDepth == 0 && !inDoubleQuotes && !inSingleQuotes { atNodeStart = true }
            var index = 0
            while index < line.count {
                let character = line[index]
                let next: Character? = index + 1 < line.count ? line[index + 1] : nil
                let nextIsBlank = next == nil || next == " " || next == "\t"
                if inDoubleQuotes {
                    if character == "\\" { index += 1 } else if character == "\"" { inDoubleQuotes = false }
                } else if inSingleQuotes {
                    if character == "'" { if next == "'" { index += 1 } else { inSingleQuotes = false } }
                } else if character == "#" && (index == 0 || line[index - 1] == " " || line[index - 1] == "\t") {
                    return nil
                } else if atNodeStart {
                    switch character {
                    case " ", "\t": break
                    case "*":
                        let name = String(line[(index + 1)...].prefix { !" \t,[]{}:".contains($0) })
                        return (index, name)
                    case "\"": inDoubleQuotes = true; atNodeStart = false
                    case "'": inSingleQuotes = true; atNodeStart = false
                    case "[", "{": flowDepth += 1
                    case "]", "}": flowDepth = max(0, flowDepth - 1); atNodeStart = false
                    case ",": break
                    case "-", "?", ":" where nextIsBlank: break
                    case "&", "!":
                        // An anchor or a tag: its name, then the node it belongs to.
                        while index + 1 < line.count, !" \t,[]{}".contains(line[index + 1]) { index += 1 }
                    case "|", ">":
                        blockParentIndent = indent
                        return nil
                    default: atNodeStart = false
                    }
                } else if character == ":" && (nextIsBlank || (flowDepth > 0 && next.map { ",[]{}".contains($0) } == true)) {
                    atNodeStart = true
                } else if flowDepth > 0 {
                    switch character {
                    case ",": atNodeStart = true
                    case "[", "{": flowDepth += 1; atNodeStart = true
                    case "]", "}": flowDepth -= 1
                    default: break
                    }
                }
                index += 1
            }
            return nil
        }
    }
}
