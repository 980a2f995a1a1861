/// Page margins in points. `start` is the right margin in an RTL document.
public struct Margins: Hashable, Sendable {
    public var top: Double
    public var bottom: Double
    public var start: Double
    public var end: Double
    public init(top: Double, bottom: Double, start: Double, end: Double) {
        self.top = top; self.bottom = bottom; self.start = start; self.end = end
    }
    /// The same margin on all four sides.
    public static func all(_ value: Double) -> Margins { Margins(top: value, bottom: value, start: value, end: value) }
}

/// A header or footer line. `{page}` and `{pages}` in its runs become the page number and page count.
public struct RunningText: Hashable, Sendable {
    public var paragraph: Paragraph
    /// Draws a thin rule between the running text and the body.
    public var rule: Bool
    public init(paragraph: Paragraph, rule: Bool = true) { self.paragraph = paragraph; self.rule = rule }
}

/// Page geometry and running texts.
public struct PageTemplate: Hashable, Sendable {
    /// Width and height in points.
    public var width: Double
    public var height: Double
    public var margins: Margins
    /// Drawn in the top margin.
    public var header: RunningText?
    /// Drawn in the bottom margin.
    public var footer: RunningText?
    public init(width: Double = 595.2756, height: Double = 841.8898, margins: Margins = .all(56.7),
                header: RunningText? = nil, footer: RunningText? = nil) {
        self.width = width; self.height = height; self.margins = margins; self.header = header; self.footer = footer
    }
}

/// Document metadata written into the PDF.
public struct Metadata: Hashable, Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    /// `YYYY-MM-DDTHH:MM:SSZ`; the same date gives the same bytes.
    public var creationDate: String
    /// Document language (BCP 47).
    public var language: String
    public init(title: String = "", author: String = "", subject: String = "", keywords: String = "",
                creationDate: String = "2000-01-01T00:00:00Z", language: String = "ar-MA") {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creationDate = creationDate; self.language = language
    }
}

/// The content tree of one document: what the layout engine turns into pages.
public struct Document: Hashable, Sendable {
    public var template: PageTemplate
    public var direction: Direction
    public var digits: DigitStyle
    public var metadata: Metadata
    public var blocks: [Block]
    public init(template: PageTemplate = PageTemplate(), direction: Direction = .rtl, digits: DigitStyle = .latn,
                metadata: Metadata = Metadata(), blocks: [Block]) {
        self.template = template; self.direction = direction; self.digits = digits; self.metadata = metadata
        self.blocks = blocks
    }
}
