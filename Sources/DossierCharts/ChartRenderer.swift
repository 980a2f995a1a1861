import DossierContent
import DossierFrames
import DossierText
import Foundation

/// Turns chart specifications into vector shapes and shaped labels.
///
/// Right to left (the default) mirrors everything structural: category labels on the right, bars growing
/// leftwards from a zero line on the right, ticks increasing leftwards, legend entries from right to left.
public struct ChartRenderer {
    let shaper: ParagraphShaper

    public init(shaper: ParagraphShaper) { self.shaper = shaper }

    /// Draws `chart` for `width` points.
    /// - Throws: `ChartError` for inconsistent data, `TextError` for labels the fonts cannot draw.
    public func render(_ chart: ChartBlock, width: Double, place: String) throws -> RenderedChart {
        try check(chart, place: place)
        let text = ChartText(shaper: shaper, style: chart.style, rtl: chart.direction == .rtl, place: place)
        switch chart.kind {
        case .donut: return try DonutChart(chart: chart, text: text, width: width).render()
        case .bars, .stackedBars, .progress: return try BarChart(chart: chart, text: text, width: width).render()
        }
    }

    private func check(_ chart: ChartBlock, place: String) throws {
        guard !chart.series.isEmpty else { throw ChartError.badData(place: place, reason: "the chart has no data series") }
        for series in chart.series where series.values.count != chart.categories.count {
            throw ChartError.badData(place: place, reason: "series «\(series.name)» has \(series.values.count) values for \(chart.categories.count) categories")
        }
        for series in chart.series where series.values.contains(where: { $0 < 0 || !$0.isFinite }) {
            throw ChartError.badData(place: place, reason: "series «\(series.name)» has a negative value; charts show amounts from zero")
        }
    }
}

/// Palette entries as paints.
struct ChartPaints {
    let style: ChartStyle

    func paint(_ index: Int) -> Paint {
        let palette = style.palette.isEmpty ? ChartStyle.defaultPalette : style.palette
        let fill = Color(hex: palette[index % palette.count]) ?? .black
        // Past the end of the palette, colours come round again with a hatching they did not have.
        let cycle = index / palette.count
        let hatchName = cycle == 0
            ? (style.hatches.isEmpty ? "" : style.hatches[index % style.hatches.count])
            : ChartPaints.extraHatches[(index + cycle) % ChartPaints.extraHatches.count]
        let hatch = Hatch.Direction(rawValue: hatchName).map {
            Hatch(direction: $0, spacing: 3, color: Self.lightness(fill) > 0.55 ? Color(red: 0.2, green: 0.2, blue: 0.2) : .white)
        }
        return Paint(fill: fill, stroke: Color(red: 0.25, green: 0.25, blue: 0.25), lineWidth: style.lineWidth * 0.6, hatch: hatch)
    }

    static let extraHatches = ["rising", "falling", "cross", "vertical", "horizontal"]

    /// Relative luminance, to choose a readable colour for text and hatching on a fill.
    static func lightness(_ c: Color) -> Double { 0.2126 * c.red + 0.7152 * c.green + 0.0722 * c.blue }
}
