import DossierFrames

/// A horizontal slice of a drawn chart; items are relative to the slice's top-left corner.
public struct ChartSlice: Hashable, Sendable {
    public var height: Double
    public var items: [FrameItem]
    public init(height: Double, items: [FrameItem]) { self.height = height; self.items = items }
}

/// A chart drawn for a width: a header (title, legend, axis) and one slice per category, so a tall chart
/// can break between categories and repeat its header on the next page.
public struct RenderedChart: Hashable, Sendable {
    public var header: ChartSlice
    public var rows: [ChartSlice]
    /// Space under the chart.
    public var spaceAfter: Double
    public var height: Double { header.height + rows.reduce(0) { $0 + $1.height } }
}

/// What a chart could not do.
public enum ChartError: Error, Equatable, CustomStringConvertible {
    case badData(place: String, reason: String)

    public var description: String {
        switch self {
        case .badData(let place, let reason): return "\(place): \(reason)"
        }
    }
}

extension FrameItem {
    /// The item moved right by `dx` and down by `dy`.
    func moved(dx: Double, dy: Double) -> FrameItem {
        switch self {
        case .text(let run): return .text(run.offsetBy(dx: dx, dy: dy))
        case .rect(let r, let p): return .rect(r.offsetBy(dx: dx, dy: dy), p)
        case .line(let a, let b, let c, let w):
            return .line(from: Point(x: a.x + dx, y: a.y + dy), to: Point(x: b.x + dx, y: b.y + dy), color: c, width: w)
        case .path(let elements, let paint):
            return .path(elements.map { element in
                switch element {
                case .move(let p): return .move(Point(x: p.x + dx, y: p.y + dy))
                case .line(let p): return .line(Point(x: p.x + dx, y: p.y + dy))
                case .arc(let c, let r, let s, let e): return .arc(center: Point(x: c.x + dx, y: c.y + dy), radius: r, start: s, end: e)
                case .close: return .close
                }
            }, paint)
        default: return self
        }
    }
}
