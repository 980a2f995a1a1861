@_exported import DossierNumbers
/// Base direction of a paragraph or a document.
public enum Direction: String, Hashable, Sendable, Codable {
    case rtl, ltr
}

/// Horizontal alignment, relative to the paragraph's direction (start is the right edge in RTL).
public enum TextAlign: String, Hashable, Sendable, Codable {
    case start, end, center, justify
}

/// How justified lines are filled: by widening their spaces, or (right-to-left Arabic) by first elongating
/// words with kashida at the places typesetters choose, then widening the spaces with what is left.
public enum Justification: String, Hashable, Sendable, Codable {
    case spaces, kashida
}

/// Which digits numbers are printed with.
/// The digit style of a document: Western (`latn`, the default in Moroccan administration) or Arabic-Indic
/// (`arab`). The same type as the data's `Numerals`, so there is one converter for every printed number.
public typealias DigitStyle = Numerals

extension Numerals {
    /// The digits (and separators between digits) of `text` in this style.
    public func apply(_ text: String) -> String { localize(text) }
}

/// Character-level style of a run of text.
public struct TextStyle: Hashable, Sendable {
    public var family: String
    /// Size in points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    /// Colour as `#rrggbb`.
    public var color: String
    /// Extra space between letters, in points. Keep 0 for Arabic: spacing breaks the joined script.
    public var letterSpacing: Double
    /// Extra space added to each word space, in points.
    public var wordSpacing: Double

    public init(family: String = "Amiri", size: Double = 12, bold: Bool = false, italic: Bool = false,
                color: String = "#000000", letterSpacing: Double = 0, wordSpacing: Double = 0) {
        self.family = family; self.size = size; self.bold = bold; self.italic = italic; self.color = color
        self.letterSpacing = letterSpacing; self.wordSpacing = wordSpacing
    }

    /// The same style in bold.
    public var emboldened: TextStyle { var copy = self; copy.bold = true; return copy }
}

/// Paragraph-level settings.
public struct ParagraphStyle: Hashable, Sendable {
    public var direction: Direction
    public var align: TextAlign
    /// Distance between baselines as a multiple of the font's natural line height.
    public var lineHeight: Double
    /// Indent of the first line, in points, on the start side.
    public var firstLineIndent: Double
    public var spaceBefore: Double
    public var spaceAfter: Double
    /// Fewest lines left alone at the top of a page.
    public var widows: Int
    /// Fewest lines left alone at the bottom of a page.
    public var orphans: Int
    /// Indent of every line, in points, on the start side (the table of contents' levels).
    public var startIndent: Double
    /// How lines are filled when `align` is `justify` (spaces unless a style asks for kashida).
    public var justification: Justification

    public init(direction: Direction = .rtl, align: TextAlign = .start, lineHeight: Double = 1.0,
                firstLineIndent: Double = 0, spaceBefore: Double = 0, spaceAfter: Double = 6,
                widows: Int = 2, orphans: Int = 2, startIndent: Double = 0, justification: Justification = .spaces) {
        self.direction = direction; self.align = align; self.lineHeight = lineHeight
        self.firstLineIndent = firstLineIndent; self.spaceBefore = spaceBefore; self.spaceAfter = spaceAfter
        self.widows = widows; self.orphans = orphans; self.startIndent = startIndent; self.justification = justification
    }
}
