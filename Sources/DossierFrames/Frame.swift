/// How a filled shape is painted. Immutable and shared by reference: a table border or a chart series
/// paint is one object however many shapes use it.
public final class Paint: Hashable, Sendable {
    public let fill: Color?
    public let stroke: Color?
    public let lineWidth: Double
    /// Hatching drawn over the fill (diagonal lines), so that series stay distinct in greyscale print.
    public let hatch: Hatch?
    public init(fill: Color? = nil, stroke: Color? = nil, lineWidth: Double = 0.5, hatch: Hatch? = nil) {
        self.fill = fill; self.stroke = stroke; self.lineWidth = lineWidth; self.hatch = hatch
    }

    public static func == (a: Paint, b: Paint) -> Bool {
        a === b || (a.fill == b.fill && a.stroke == b.stroke && a.lineWidth == b.lineWidth && a.hatch == b.hatch)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fill); hasher.combine(stroke); hasher.combine(lineWidth); hasher.combine(hatch)
    }
}

/// Parallel lines over a shape.
public struct Hatch: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable { case rising, falling, horizontal, vertical, cross }
    public var direction: Direction
    public var spacing: Double
    public var color: Color
    public init(direction: Direction, spacing: Double = 3, color: Color = .black) {
        self.direction = direction; self.spacing = spacing; self.color = color
    }
}

/// A vector path made of simple segments.
public enum PathElement: Hashable, Sendable {
    case move(Point)
    case line(Point)
    /// An arc around `center`, angles in radians from `start` to `end`: clockwise in page space (y down) when
    /// `end` ≥ `start`, counter-clockwise otherwise.
    case arc(center: Point, radius: Double, start: Double, end: Double)
    case close
}

/// An outline entry (a PDF bookmark) that goes to a named destination; the table of contents is made from them too.
public struct Bookmark: Hashable, Sendable {
    public var title: String
    public var level: Int
    public var destination: String
    public init(title: String, level: Int, destination: String) {
        self.title = title; self.level = level; self.destination = destination
    }
}

/// What a table header cell heads (PDF `/Scope`).
public enum HeaderScope: String, Hashable, Sendable {
    case column = "Column"
    case row = "Row"
}

/// Where a link goes.
public enum LinkTarget: Hashable, Sendable {
    /// A named destination (anchor) of the document.
    case destination(String)
    /// An address outside the document.
    case uri(String)
}

/// Content that belongs to no structure element (a PDF artifact): what assistive technology skips.
public enum ArtifactKind: String, Hashable, Sendable {
    /// Running headers and footers, page numbers, table and chart headers repeated on a new page.
    case pagination = "Pagination"
    /// Decoration of the layout: rules, table fills and borders.
    case layout = "Layout"

    /// The structure type an artifact is written as by Cairo, which accepts only standard structure types as tags
    /// (not `Artifact`): a type no content of a dossier uses, one per kind. The finishing step turns its marked
    /// content into an `/Artifact` sequence of this kind and removes the element from the structure tree.
    public var standInRole: String {
        switch self {
        case .pagination: return "Private"
        case .layout: return "NonStruct"
        }
    }
}

/// The start or end of a structure element (PDF tagging: `P`, `H1`, `Table`, `TR`, `TH`, `TD`, `Figure`, `Link`)
/// or of an artifact.
public enum TagEvent: Hashable, Sendable {
    /// Opens an element; `alt` is the alternative text of a figure, `scope` what a header cell (`TH`) heads.
    case begin(role: String, alt: String?, scope: HeaderScope? = nil)
    case end(role: String)
    /// Opens a `Link` element: the text up to its end is a clickable `area` that goes to `target`.
    case beginLink(LinkTarget, area: Rect)
    case endLink
    /// Opens an artifact: the items up to its end are no part of the structure.
    case beginArtifact(ArtifactKind)
    case endArtifact(ArtifactKind)

    /// Whether the event opens an element or an artifact.
    public var opens: Bool {
        switch self {
        case .begin, .beginLink, .beginArtifact: return true
        case .end, .endLink, .endArtifact: return false
        }
    }

    /// The event that closes what this one opens (itself for a closing event).
    public var closing: TagEvent {
        switch self {
        case .begin(let role, _, _): return .end(role: role)
        case .beginLink: return .endLink
        case .beginArtifact(let kind): return .endArtifact(kind)
        case .end, .endLink, .endArtifact: return self
        }
    }
}

/// One positioned item on a page. A closed set: the backend draws exactly these.
public enum FrameItem: Hashable, Sendable {
    case text(GlyphRun)
    case rect(Rect, Paint)
    case line(from: Point, to: Point, color: Color, width: Double)
    case path([PathElement], Paint)
    /// A PNG image file drawn into `rect`.
    case image(file: String, rect: Rect)
    /// A named destination (anchor) at a point.
    case anchor(name: String, at: Point)
    /// Structure: the items between a begin and its end belong to that element (or artifact). Balanced on every page.
    case tag(TagEvent)
    /// Where an empty signature field named `name` goes. The backend draws nothing: Cairo cannot write form
    /// fields, so the finishing step adds the field and its widget at this place.
    case signatureField(name: String, rect: Rect)
}

/// One laid-out page: its size and items in painting order. Immutable.
public struct Page: Hashable, Sendable {
    public var size: Size
    public var items: [FrameItem]
    public init(size: Size, items: [FrameItem]) { self.size = size; self.items = items }
}

/// Document-level information the backend writes into the PDF.
public struct DocumentInfo: Hashable, Sendable {
    public var title: String
    public var author: String
    public var subject: String
    public var keywords: String
    public var creator: String
    /// Creation date as `YYYY-MM-DDTHH:MM:SSZ`; fixed by the caller so output is reproducible.
    public var creationDate: String
    /// Document language (BCP 47, e.g. `ar-MA`).
    public var language: String
    /// Whether the document reads right to left (page order of spreads, viewer direction).
    public var rightToLeft: Bool
    public init(title: String = "", author: String = "", subject: String = "", keywords: String = "",
                creator: String = "Dossier", creationDate: String = "2000-01-01T00:00:00Z", language: String = "ar-MA",
                rightToLeft: Bool = true) {
        self.title = title; self.author = author; self.subject = subject; self.keywords = keywords
        self.creator = creator; self.creationDate = creationDate; self.language = language; self.rightToLeft = rightToLeft
    }
}

/// A laid-out document: pages, bookmarks (outline) and metadata.
public struct LaidOutDocument: Hashable, Sendable {
    public var pages: [Page]
    /// Outline entries in document order, each pointing at an anchor on some page.
    public var bookmarks: [Bookmark]
    public var info: DocumentInfo
    /// The text of the heading at each heading's anchor, outlined or not: what a link there is described by.
    public var anchorTitles: [String: String]
    public init(pages: [Page], bookmarks: [Bookmark], info: DocumentInfo, anchorTitles: [String: String] = [:]) {
        self.pages = pages; self.bookmarks = bookmarks; self.info = info; self.anchorTitles = anchorTitles
    }
}

extension FrameItem {
    /// The item moved by `dx`, `dy` (anchors, link areas and shapes alike; other tags have no position).
    public func offsetBy(dx: Double, dy: Double) -> FrameItem {
        func move(_ p: Point) -> Point { Point(x: p.x + dx, y: p.y + dy) }
        switch self {
        case .text(let run): return .text(run.offsetBy(dx: dx, dy: dy))
        case .rect(let r, let paint): return .rect(r.offsetBy(dx: dx, dy: dy), paint)
        case .line(let a, let b, let color, let width): return .line(from: move(a), to: move(b), color: color, width: width)
        case .path(let elements, let paint):
            return .path(elements.map { element in
                switch element {
                case .move(let p): return .move(move(p))
                case .line(let p): return .line(move(p))
                case .arc(let c, let r, let s, let e): return .arc(center: move(c), radius: r, start: s, end: e)
                case .close: return .close
                }
            }, paint)
        case .image(let file, let r): return .image(file: file, rect: r.offsetBy(dx: dx, dy: dy))
        case .anchor(let name, let p): return .anchor(name: name, at: move(p))
        case .tag(.beginLink(let target, let area)): return .tag(.beginLink(target, area: area.offsetBy(dx: dx, dy: dy)))
        case .tag: return self
        case .signatureField(let name, let r): return .signatureField(name: name, rect: r.offsetBy(dx: dx, dy: dy))
        }
    }
}
