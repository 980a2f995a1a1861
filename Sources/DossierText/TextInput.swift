import DossierFrames

/// A span of text in one character style: the input of shaping.
public struct TextSpan: Hashable, Sendable {
    public var text: String
    public var family: String
    /// Size in points.
    public var size: Double
    public var bold: Bool
    public var italic: Bool
    public var color: Color
    public var letterSpacing: Double
    public var wordSpacing: Double
    public init(text: String, family: String, size: Double, bold: Bool = false, italic: Bool = false,
                color: Color = .black, letterSpacing: Double = 0, wordSpacing: Double = 0) {
        self.text = text; self.family = family; self.size = size; self.bold = bold; self.italic = italic
        self.color = color; self.letterSpacing = letterSpacing; self.wordSpacing = wordSpacing
    }
}

extension TextSpan {
    /// The span without its text: everything else, compared and hashed by the synthesized conformance, so that a
    /// field added to `TextSpan` is part of the shaping cache's key without anyone remembering to add it there.
    var style: TextSpan {
        var copy = self
        copy.text = ""
        return copy
    }
}

/// Alignment of shaped lines, relative to the base direction.
public enum LineAlignment: String, Hashable, Sendable { case start, end, center, justify }

/// Paragraph-level shaping settings.
public struct ParagraphSettings: Hashable, Sendable {
    public var rightToLeft: Bool
    public var alignment: LineAlignment
    /// Baseline distance as a multiple of the natural line height.
    public var lineHeight: Double
    public var firstLineIndent: Double
    /// Line width in points; nil means one unbroken line.
    public var width: Double?
    /// Justified right-to-left lines are filled by elongating words (kashida), then by their spaces.
    public var kashida: Bool
    public init(rightToLeft: Bool = true, alignment: LineAlignment = .start, lineHeight: Double = 1,
                firstLineIndent: Double = 0, width: Double?, kashida: Bool = false) {
        self.rightToLeft = rightToLeft; self.alignment = alignment; self.lineHeight = lineHeight
        self.firstLineIndent = firstLineIndent; self.width = width; self.kashida = kashida
    }
}

/// One shaped line. Positions are relative to the paragraph's top-left corner.
public struct ShapedLine: Hashable, Sendable {
    /// Top of the line box.
    public var top: Double
    public var height: Double
    /// Baseline, from the paragraph top.
    public var baseline: Double
    /// Left edge and width of the line's ink-independent (logical) extent.
    public var x: Double
    public var width: Double
    /// Glyph runs in visual order with origins relative to the paragraph's top-left.
    public var runs: [GlyphRun]
    /// Byte range of the line in the paragraph's (isolated) text.
    public var textRange: Range<Int>
    /// How the line was justified by kashida; nil when it was not (other paragraphs, last lines).
    public var kashida: KashidaLineReport? = nil
}

/// A paragraph shaped and broken into lines at a given width.
public struct ShapedParagraph: Hashable, Sendable {
    public var lines: [ShapedLine]
    /// Total height of all lines.
    public var height: Double
    /// Width of the widest line.
    public var naturalWidth: Double
}
