import DossierContent
import DossierFrames
import DossierText

/// A legend: swatch and name per entry, laid out in reading order (from the right in RTL), wrapping to
/// further rows when the width is used up.
struct Legend {
    let text: ChartText
    let paints: ChartPaints

    func render(_ names: [String], width: Double) throws -> ChartSlice {
        let swatch = text.style.size
        let gap = 4.0, spacing = 12.0
        var items: [FrameItem] = []
        var cursor = 0.0, row = 0.0
        let rowHeight = text.style.size * 1.9
        for (index, name) in names.enumerated() {
            let label = try text.wrapped(name, width: width * 0.45, maxLines: 1)
            let entryWidth = swatch + gap + ChartText.width(label)
            if cursor > 0 && cursor + entryWidth > width { cursor = 0; row += rowHeight }
            let swatchX = text.rtl ? width - cursor - swatch : cursor
            let labelX = text.rtl ? swatchX - gap : swatchX + swatch + gap
            let centerY = row + rowHeight / 2
            items.append(.rect(Rect(x: swatchX, y: centerY - swatch / 2, width: swatch, height: swatch), paints.paint(index)))
            items += ChartText.items(label, anchorX: labelX, rightAligned: text.rtl, centerY: centerY)
            cursor += entryWidth + spacing
        }
        return ChartSlice(height: names.isEmpty ? 0 : row + rowHeight, items: items)
    }
}
