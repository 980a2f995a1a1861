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
    /// An arc around `center`, angles in radians, clockwise in page space (y down) when `sweep` > 0.
    case arc(center: Point, radius: Double, start: Double, end: Double)
    case close
}

/// Where an item sits in the document's logical structure (for bookmarks and, later, PDF tags).
public struct Bookmark: Hashable, Sendable {
    public var title: String
    public var level: Int
    public var destination: String
    public init(title: String, level: Int, destination: String) {
        self.title = title; self.level = level; self.destination = destination
    }
}

/// The start or end of a structure element (PDF tagging): `P`, `H1`, `Table`, `TR`, `TH`, `TD`, `Figure`.
public enum TagEvent: Hashable, Sendable {
    /// Opens an element; `alt` is the alternative text of a figure.
    case begin(role: String, alt: String?)
    case end(role: String)
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
    /// A clickable area that jumps to a named destination.
    case link(rect: Rect, destination: String)
    /// A clickable area that opens a URI.
    case uriLink(rect: Rect, uri: String)
    /// Structure: the items between a begin and its end belong to that element. Balanced on every page.
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
    public init(pages: [Page], bookmarks: [Bookmark], info: DocumentInfo) {
        self.pages = pages; self.bookmarks = bookmarks; self.info = info
    }
}

extension FrameItem {
    /// The item moved by `dx`, `dy` (anchors, links and shapes alike; structure tags have no position).
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
        case .link(let r, let dest): return .link(rect: r.offsetBy(dx: dx, dy: dy), destination: dest)
        case .uriLink(let r, let uri): return .uriLink(rect: r.offsetBy(dx: dx, dy: dy), uri: uri)
        case .tag: return self
        case .signatureField(let name, let r): return .signatureField(name: name, rect: r.offsetBy(dx: dx, dy: dy))
        }
    }
}
