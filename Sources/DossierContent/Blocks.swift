/// A run of text in one style.
public struct Run: Hashable, Sendable {
    public var text: String
    public var style: TextStyle
    /// When set, the run is a link to this named destination inside the document.
    public var link: String?
    public init(_ text: String, style: TextStyle = TextStyle(), link: String? = nil) {
        self.text = text; self.style = style; self.link = link
    }
}

/// A paragraph: styled runs and paragraph settings.
public struct Paragraph: Hashable, Sendable {
    public var runs: [Run]
    public var style: ParagraphStyle
    /// Where the paragraph came from (e.g. `Layouts/project.xml:12:5`), for error messages.
    public var source: String?
    public init(runs: [Run], style: ParagraphStyle = ParagraphStyle(), source: String? = nil) {
        self.runs = runs; self.style = style; self.source = source
    }
    /// A paragraph of one run.
    public init(_ text: String, text style: TextStyle = TextStyle(), paragraph: ParagraphStyle = ParagraphStyle(),
                source: String? = nil) {
        self.init(runs: [Run(text, style: style)], style: paragraph, source: source)
    }

    /// The plain text of all runs.
    /// The paragraph's text without bidi isolates (outline titles, alternative texts).
    public var plainText: String {
        String(String.UnicodeScalarView(runs.map(\.text).joined().unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) }))
    }
}

/// A heading: a paragraph with a level (1 is the highest), an anchor and an outline entry.
public struct Heading: Hashable, Sendable {
    public var level: Int
    public var paragraph: Paragraph
    /// Anchor name other blocks can link to; also the outline entry's destination.
    public var anchor: String?
    /// Whether the heading appears in the PDF outline (bookmarks).
    public var bookmarked: Bool
    public init(level: Int, paragraph: Paragraph, anchor: String? = nil, bookmarked: Bool = true) {
        self.level = level; self.paragraph = paragraph; self.anchor = anchor; self.bookmarked = bookmarked
    }
}

/// A PNG image scaled to a width (its height follows its aspect ratio).
public struct ImageBlock: Hashable, Sendable {
    public var file: String
    /// Width in points; nil means the natural size at 72 dpi, capped at the frame width.
    public var width: Double?
    public var align: TextAlign
    /// What the image shows, for readers who cannot see it (the figure's alternative text).
    public var alt: String?
    public var source: String?
    public init(file: String, width: Double? = nil, align: TextAlign = .center, alt: String? = nil, source: String? = nil) {
        self.file = file; self.width = width; self.align = align; self.alt = alt; self.source = source
    }
}

/// A horizontal rule.
public struct RuleBlock: Hashable, Sendable {
    public var thickness: Double
    public var color: String
    public var spaceAround: Double
    public init(thickness: Double = 0.5, color: String = "#000000", spaceAround: Double = 4) {
        self.thickness = thickness; self.color = color; self.spaceAround = spaceAround
    }
}

/// A block of the content tree.
public indirect enum Block: Hashable, Sendable {
    case heading(Heading)
    case paragraph(Paragraph)
    case table(Table)
    case chart(ChartBlock)
    case image(ImageBlock)
    /// Vertical space in points (dropped at the top of a page).
    case spacer(Double)
    case rule(RuleBlock)
    case pageBreak
    /// Blocks moved to the next page together when they do not fit on the current one.
    case keepTogether([Block])
    /// A named destination at this place in the flow.
    case anchor(String)
}
