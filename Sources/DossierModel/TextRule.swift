/// What a text field of the data may hold: how many characters, whether it may span several lines, and
/// which characters.
///
/// Why these rules: data that validates must render. The characters are those every face of Amiri draws
/// (`Fonts/fonts.txt`: the Noto Arabic faces fall back to Amiri, Amiri to nothing), so a render never stops
/// on an uncovered character. The lengths keep each table row within a page (rows are not split), headers
/// and footers on their lines, and codes short enough to name files.
public struct TextRule: Sendable {
    /// The longest text allowed, in characters.
    public let maximumLength: Int
    /// Tabs and line breaks are allowed (paragraphs: descriptions and notes).
    public let allowsLineBreaks: Bool
    /// Why the length is limited, for the message.
    public let reason: String

    /// Project codes and partner ids: they name files and fill narrow table columns.
    public static let identifier = TextRule(maximumLength: 40, allowsLineBreaks: false,
                                            reason: "codes and ids name files and fit narrow table columns")
    /// The convention's reference, printed in every footer.
    public static let reference = TextRule(maximumLength: 40, allowsLineBreaks: false, reason: "it is printed in every footer")
    /// Texts printed in every page header (province, programme).
    public static let header = TextRule(maximumLength: 80, allowsLineBreaks: false, reason: "it is printed in every page header")
    /// Titles, names, places, labels: table cells, which must fit on one page.
    public static let cell = TextRule(maximumLength: 300, allowsLineBreaks: false, reason: "a table row must fit on one page")
    /// A project's communes and douars together, printed in one narrow column of the projects table.
    public static let places = TextRule(maximumLength: 150, allowsLineBreaks: false,
                                        reason: "they share a narrow column of the projects table")
    /// Partners' short names (or names, without a short name): the column headings of the financing
    /// matrix, one narrow column per partner, and the legends of the partners' charts.
    public static let columnHeading = TextRule(maximumLength: 24, allowsLineBreaks: false,
                                               reason: "it heads a narrow column of the financing matrix")
    /// The most partners the financing matrix (a column each) and the legend of the partners' shares
    /// (a line each, never split) hold on a page.
    public static let maximumPartners = 20
    /// Items of lists (objectives, agenda, decisions…): paragraphs of their own.
    public static let item = TextRule(maximumLength: 2_000, allowsLineBreaks: false, reason: "list items are single paragraphs")
    /// Descriptions and notes: paragraphs that may run over pages.
    public static let paragraph = TextRule(maximumLength: 10_000, allowsLineBreaks: true, reason: "longer texts belong in an annex")

    /// Every problem with `text` under this rule: at most one about characters and one about length.
    func problems(with text: String) -> [String] {
        var found: [String] = []
        if let character = characterProblem(in: text) { found.append(character) }
        let length = text.count
        if length > maximumLength {
            found.append("the text is \(length) characters long; at most \(maximumLength) are allowed here (\(reason))")
        }
        return found
    }

    /// The first character that is not allowed, described with its code point and position.
    private func characterProblem(in text: String) -> String? {
        for (offset, character) in text.enumerated() {
            for scalar in character.unicodeScalars {
                // Worked out only for a problem: every character of every value is checked.
                var place: String { "character \(offset + 1)" }
                if scalar == "\n" || scalar == "\t" {
                    if allowsLineBreaks { continue }
                    return "a line break or tab (\(scalar.codePoint), \(place)) is not allowed here; "
                        + "only descriptions and notes may span several lines"
                }
                if scalar.isControlCharacter {
                    return "control character \(scalar.codePoint) (\(place)) is not allowed in text"
                }
                if !Self.isDrawable(scalar) {
                    let name = scalar.properties.name.map { " \($0)" } ?? ""
                    return "\(scalar.codePoint)\(name) (\(place)) is not in the dossier fonts; text may use Arabic "
                        + "and Latin letters, digits and common punctuation (docs/schema.md lists them)"
                }
            }
        }
        return nil
    }

    /// Whether the dossier fonts draw `scalar` in every style.
    public static func isDrawable(_ scalar: Unicode.Scalar) -> Bool {
        drawable.contains { $0.contains(scalar.value) }
    }

    /// What all four Amiri faces draw (`fc-query -f '%{charset}'`), less the controls of the Unicode
    /// bidirectional algorithm that would reorder the dossiers' text (U+2028–U+202E), the Arabic number
    /// signs that span the digits after them (U+0600–U+0604) and the Arabic ligatures of whole words
    /// (U+FDF0–U+FDFD), which are as wide as a sentence.
    public static let drawable: [ClosedRange<UInt32>] = [
        0x0020...0x007E, // Basic Latin
        0x00A0...0x017F, // Latin-1 Supplement and Latin Extended-A: é, ç, œ, «, », °, ±
        0x0300...0x0304, 0x0306...0x0308, 0x030A...0x030A, 0x030C...0x030C, 0x0326...0x0328, // accents typed apart
        0x0606...0x061C, 0x061E...0x06FF, // Arabic, with Arabic-Indic digits
        0x0750...0x077F, // Arabic Supplement
        0x2000...0x2015, // spaces, zero-width joiners, LRM and RLM, hyphens and dashes
        0x2018...0x2022, 0x2024...0x2024, 0x2026...0x2026, // quotes, bullet, ellipsis
        0x202F...0x2030, 0x2032...0x2033, 0x2039...0x203A, // narrow no-break space, per mille, primes, ‹ ›
        0x20AC...0x20AC, 0x2212...0x2212, // euro, minus
        0xFB50...0xFBC1, 0xFBD3...0xFD3F, 0xFD50...0xFD8F, 0xFD92...0xFDC7, // Arabic presentation forms A
        0xFE70...0xFE72, 0xFE74...0xFE74, 0xFE76...0xFEFC, // Arabic presentation forms B
    ]
}
