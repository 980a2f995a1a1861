import DossierContent
import DossierFrames
import DossierText

/// Horizontal bars, stacked bars and progress bars: one row per category.
struct BarChart {
    let chart: ChartBlock
    let text: ChartText
    let width: Double

    var rtl: Bool { chart.direction == .rtl }
    var paints: ChartPaints { ChartPaints(style: chart.style) }
    var grid: Color { Color(hex: chart.style.gridColor) ?? Color(red: 0.8, green: 0.8, blue: 0.8) }
    let padding = 3.0
    let gap = 6.0

    /// The largest length a row's bar reaches: stacked bars add up, the others take their largest series.
    func rowTotal(_ index: Int) -> Double {
        chart.kind == .stackedBars ? chart.series.reduce(0) { $0 + $1.values[index] }
            : chart.series.map { $0.values[index] }.max() ?? 0
    }

    func render() throws -> RenderedChart {
        // Category labels take what they need up to a third of the width.
        let naturalLabels = try chart.categories.map { try text.line($0) }
        let labelWidth = min(width * 0.34, (naturalLabels.map(ChartText.width).max() ?? 0) + 2)
        let valueTexts = try chart.valueLabels.map { try text.line($0) }
        let valueRoom = (valueTexts.map(ChartText.width).max() ?? 0) + 6
        let plotLength = max(20, width - labelWidth - gap - valueRoom)
        let largest = chart.categories.indices.map(rowTotal).max() ?? 0
        let scale = ChartScale(largest: largest, fixedMaximum: chart.maxValue)
        // Zero is at the start side of the plot: the right edge in RTL.
        let zeroX = rtl ? width - labelWidth - gap : labelWidth + gap
        let sign: Double = rtl ? -1 : 1
        func x(_ value: Double) -> Double { zeroX + sign * plotLength * min(value, scale.maximum) / scale.maximum }

        let header = try headerSlice(scale: scale, x: x)
        var rows: [ChartSlice] = []
        for index in chart.categories.indices {
            rows.append(try row(index, labelWidth: labelWidth, valueText: index < valueTexts.count ? valueTexts[index] : nil,
                                scale: scale, zeroX: zeroX, x: x))
        }
        return RenderedChart(header: header, rows: rows, spaceAfter: chart.style.spaceAfter)
    }

    /// Title, legend, tick labels and the unit.
    private func headerSlice(scale: ChartScale, x: (Double) -> Double) throws -> ChartSlice {
        var items: [FrameItem] = []
        var y = 0.0
        if let title = chart.title {
            let shaped = try text.line(title, bold: true, size: chart.style.size * 1.2)
            items += ChartText.items(shaped, x: (width - shaped.naturalWidth) / 2 - (shaped.lines.first?.x ?? 0), top: y)
            y += shaped.height + 4
        }
        if chart.kind != .bars && chart.series.count > 1 {
            let legend = try Legend(text: text, paints: paints).render(chart.series.map(\.name), width: width)
            items += legend.items.map { $0.offsetBy(dx: 0, dy: y) }
            y += legend.height + 2
        }
        if let unit = chart.unit {
            // The unit, once, on its own line at the start side.
            let shaped = try text.line(unit)
            items += ChartText.items(shaped, anchorX: rtl ? width : 0, rightAligned: rtl, centerY: y + shaped.height / 2)
            y += shaped.height
        }
        let tickHeight = chart.style.size * 1.6
        for tick in scale.ticks {
            let label = try text.line(ChartScale.label(tick, digits: chart.digits))
            items += ChartText.items(label, x: x(tick) - label.naturalWidth / 2 - (label.lines.first?.x ?? 0), top: y)
        }
        y += tickHeight
        items.append(.line(from: Point(x: x(0), y: y), to: Point(x: x(scale.maximum), y: y), color: grid, width: chart.style.lineWidth))
        return ChartSlice(height: y + 2, items: items)
    }

    private func row(_ index: Int, labelWidth: Double, valueText: ShapedParagraph?, scale: ChartScale, zeroX: Double,
                     x: (Double) -> Double) throws -> ChartSlice {
        let label = try text.wrapped(chart.categories[index], width: labelWidth, maxLines: chart.style.maxLabelLines)
        let barHeight = chart.style.barThickness
        let height = max(barHeight, label.height) + 2 * padding
        let center = height / 2
        var items: [FrameItem] = []
        for tick in scale.ticks.dropFirst() {
            items.append(.line(from: Point(x: x(tick), y: 0), to: Point(x: x(tick), y: height), color: grid, width: chart.style.lineWidth * 0.6))
        }
        let labelLeft = rtl ? width - labelWidth : 0
        items += ChartText.items(label, x: labelLeft, top: center - label.height / 2)
        items += bars(index, center: center, barHeight: barHeight, x: x, scale: scale)
        items.append(.line(from: Point(x: zeroX, y: 0), to: Point(x: zeroX, y: height), color: Color(red: 0.3, green: 0.3, blue: 0.3),
                           width: chart.style.lineWidth * 1.5))
        if let valueText { items += valueLabel(valueText, index: index, center: center, x: x) }
        return ChartSlice(height: height, items: items)
    }

    private func barRect(from a: Double, to b: Double, center: Double, height: Double) -> Rect {
        Rect(x: min(a, b), y: center - height / 2, width: abs(b - a), height: height)
    }

    private func bars(_ index: Int, center: Double, barHeight: Double, x: (Double) -> Double, scale: ChartScale) -> [FrameItem] {
        switch chart.kind {
        case .bars:
            let value = chart.series[0].values[index]
            return value > 0 ? [.rect(barRect(from: x(0), to: x(value), center: center, height: barHeight), paints.paint(0))] : []
        case .stackedBars:
            var items: [FrameItem] = []
            var start = 0.0
            for (seriesIndex, series) in chart.series.enumerated() where series.values[index] > 0 {
                let end = start + series.values[index]
                items.append(.rect(barRect(from: x(start), to: x(end), center: center, height: barHeight), paints.paint(seriesIndex)))
                start = end
            }
            return items
        case .progress:
            // The track: the first series, or the whole axis when there is a single series (percentages).
            var items: [FrameItem] = []
            let track = chart.series.count == 1 ? scale.maximum : chart.series[0].values[index]
            items.append(.rect(barRect(from: x(0), to: x(track), center: center, height: barHeight),
                               Paint(fill: Color(red: 0.93, green: 0.93, blue: 0.93), stroke: Color(red: 0.55, green: 0.55, blue: 0.55),
                                     lineWidth: chart.style.lineWidth * 0.6)))
            let inner = chart.series.count == 1 ? Array(chart.series.enumerated()) : Array(chart.series.enumerated().dropFirst())
            for (position, (seriesIndex, series)) in inner.enumerated() where series.values[index] > 0 {
                let thickness = barHeight * (1 - 0.3 * Double(position + (chart.series.count == 1 ? 0 : 1)))
                items.append(.rect(barRect(from: x(0), to: x(series.values[index]), center: center, height: max(3, thickness)),
                                   paints.paint(seriesIndex)))
            }
            return items
        case .donut:
            return []
        }
    }

    /// The value written beside the bar's end (or inside a long enough single bar, in white on dark).
    private func valueLabel(_ shaped: ShapedParagraph, index: Int, center: Double, x: (Double) -> Double) -> [FrameItem] {
        let end = x(rowTotal(index))
        let beyond = rtl ? end - 4 : end + 4
        return ChartText.items(shaped, anchorX: beyond, rightAligned: rtl, centerY: center)
    }
}
