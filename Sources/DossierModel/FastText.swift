/// Trimming and removing characters in data values without Foundation's `NSString` methods: loading a
/// 1000-project convention spent 1.4G instructions (a third of the load) in `trimmingCharacters` and
/// `replacingOccurrences`, which bridge every value to UTF-16 and back (`callgrind`, Benchmarks/README.md, "third
/// round"). Each helper gives what the Foundation call it replaces gives; `FastTextTests` compares them.
extension StringProtocol {
    /// The text without white space or line endings at either end, as `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// gives it (Unicode general category Z*, U+0009–U+000D, U+0085, and U+200B as Foundation on Linux has it).
    package var trimmedOfWhiteSpaceAndNewlines: String { trimmed(where: Self.isWhiteSpaceOrNewline) }

    /// The text without spaces or tabs at either end, as `trimmingCharacters(in: .whitespaces)` gives it
    /// (Unicode general category Zs, U+0009 and U+200B).
    package var trimmedOfWhiteSpace: String { trimmed(where: Self.isWhiteSpace) }

    /// The text with every occurrence of the given characters taken out, as `replacingOccurrences(of: c, with: "")`
    /// for each gives it. Compared as characters, as Foundation does: a space carrying a combining mark stays.
    package func removing(_ characters: Set<Character>) -> String {
        guard unicodeScalars.contains(where: { characters.contains(Character($0)) }) else { return String(self) }
        return String(filter { !characters.contains($0) })
    }

    /// The text with every `character` replaced by `replacement`, as `replacingOccurrences(of:with:)` gives it.
    package func replacing(_ character: Character, with replacement: Character) -> String {
        guard unicodeScalars.contains(where: { Character($0) == character }) else { return String(self) }
        return String(map { $0 == character ? replacement : $0 })
    }

    private func trimmed(where isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let text = Substring(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return String(scalars[first..<scalars.index(after: last)])
    }

    static func isWhiteSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        // Foundation on Linux counts the zero width space in both sets.
        return scalar.properties.generalCategory == .spaceSeparator || scalar.value == 0x200B
    }

    static func isWhiteSpaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        if scalar.value == 0x85 || scalar.value == 0x200B { return true }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
        default: return false
        }
    }
}
