import DossierContent
import DossierFrames
import DossierText
import Foundation

/// A ring of shares with a legend beside it: in RTL the ring is on the right and slices run
/// counter-clockwise from the top, so the first share reads first from the right.
struct DonutChart {
    let chart: ChartBlock
    let text: ChartText
    let width: Double

    var rtl: Bool { chart.direction == .rtl }

    func render() throws -> RenderedChart {
        var headerItems: [FrameItem] = []
        var headerHeight = 0.0
        if let title = chart.title {
            let shaped = try text.line(title, bold: true, size: chart.style.size * 1.2)
            headerItems += ChartText.items(shaped, x: (width - shaped.naturalWidth) / 2 - (shaped.lines.first?.x ?? 0), top: 0)
            headerHeight = shaped.height + 6
        }
        let values = chart.series[0].values
        let total = values.reduce(0, +)
        let diameter = min(150, width * 0.4)
        let radius = diameter / 2, hole = radius * 0.55
        let center = Point(x: rtl ? width - radius - 4 : radius + 4, y: radius + 4)
        var items: [FrameItem] = []
        let paints = ChartPaints(style: chart.style)
        if total <= 0 {
            items.append(.path(ring(center, radius, hole, 0, 2 * .pi), Paint(fill: Color(red: 0.92, green: 0.92, blue: 0.92),
                                                                                stroke: Color(red: 0.6, green: 0.6, blue: 0.6))))
        } else {
            var angle = -Double.pi / 2
            for (index, value) in values.enumerated() where value > 0 {
                let sweep = 2 * .pi * value / total * (rtl ? -1 : 1)
                items.append(.path(ring(center, radius, hole, angle, angle + sweep), paints.paint(index)))
                angle += sweep
            }
        }
        // Legend: one row per category, beside the ring.
        let legendWidth = width - diameter - 24
        let legendX = rtl ? 0.0 : diameter + 24
        var y = 0.0
        let swatch = chart.style.size
        for (index, name) in chart.categories.enumerated() {
            let share = total > 0 ? values[index] / total * 100 : 0
            let shareText = chart.digits.decimal(share, places: 1) + " %"
            let value = index < chart.valueLabels.count ? " – " + chart.valueLabels[index] : ""
            let label = try text.wrapped("\(name): \(shareText)\(value)", width: legendWidth - swatch - 6, maxLines: chart.style.maxLabelLines)
            let rowHeight = max(label.height, swatch) + 4
            let swatchX = rtl ? legendX + legendWidth - swatch : legendX
            items.append(.rect(Rect(x: swatchX, y: y + (rowHeight - swatch) / 2, width: swatch, height: swatch), paints.paint(index)))
            let labelLeft = rtl ? legendX : legendX + swatch + 6
            items += ChartText.items(label, x: labelLeft, top: y + (rowHeight - label.height) / 2)
            y += rowHeight
        }
        let body = ChartSlice(height: max(diameter + 8, y), items: items)
        return RenderedChart(header: ChartSlice(height: headerHeight, items: headerItems), rows: [body],
                             spaceAfter: chart.style.spaceAfter)
    }

    /// A ring sector from `start` to `end` (radians, y down: increasing angles turn clockwise).
    private func ring(_ c: Point, _ outer: Double, _ inner: Double, _ start: Double, _ end: Double) -> [PathElement] {
        [.move(Point(x: c.x + outer * cos(start), y: c.y + outer * sin(start))),
         .arc(center: c, radius: outer, start: start, end: end),
         .line(Point(x: c.x + inner * cos(end), y: c.y + inner * sin(end))),
         .arc(center: c, radius: inner, start: end, end: start),
         .close]
    }
}
