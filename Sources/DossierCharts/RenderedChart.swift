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
