import DossierContent
import DossierFrames
import DossierText

/// Shapes and places the labels of a chart with the same text stage as the rest of the document.
struct ChartText {
    let shaper: ParagraphShaper
    let style: ChartStyle
    let rtl: Bool
    let place: String

    var color: Color { Color(hex: style.textColor) ?? .black }

    func span(_ text: String, bold: Bool = false, size: Double? = nil, color: Color? = nil) -> TextSpan {
        TextSpan(text: text, family: style.family, size: size ?? style.size, bold: bold, color: color ?? self.color)
    }

    /// One unbroken line.
    func line(_ text: String, bold: Bool = false, size: Double? = nil, color: Color? = nil) throws -> ShapedParagraph {
        try shaper.shape([span(text, bold: bold, size: size, color: color)],
                         settings: ParagraphSettings(rightToLeft: rtl, width: nil), place: place)
    }

    /// Wrapped to `width`, at most `maxLines` lines; a longer text is cut at a word and ends with «…».
    func wrapped(_ text: String, width: Double, maxLines: Int) throws -> ShapedParagraph {
        let settings = ParagraphSettings(rightToLeft: rtl, alignment: .start, width: width)
        let full = try shaper.shape([span(text)], settings: settings, place: place)
        if full.lines.count <= maxLines { return full }
        let words = text.split(separator: " ").map(String.init)
        var low = 0, high = words.count - 1
        var best = try shaper.shape([span("…")], settings: settings, place: place)
        while low <= high {
            let middle = (low + high) / 2
            let candidate = try shaper.shape([span(words[0...middle].joined(separator: " ") + "…")], settings: settings, place: place)
            if candidate.lines.count <= maxLines { best = candidate; low = middle + 1 } else { high = middle - 1 }
        }
        return best
    }

    /// Items of a shaped text whose box's top-left corner is at (x, top); lines keep their own alignment.
    static func items(_ text: ShapedParagraph, x: Double, top: Double) -> [FrameItem] {
        text.lines.flatMap { line in line.runs.map { FrameItem.text($0.offsetBy(dx: x, dy: top)) } }
    }

    /// Items of a one-line text placed so that its visible extent starts at `x` (left) or ends at `x` (right),
    /// vertically centred on `centerY`.
    static func items(_ text: ShapedParagraph, anchorX x: Double, rightAligned: Bool, centerY: Double) -> [FrameItem] {
        guard let line = text.lines.first else { return [] }
        let left = rightAligned ? x - line.width : x
        return items(text, x: left - line.x, top: centerY - text.height / 2)
    }

    static func width(_ text: ShapedParagraph) -> Double { text.naturalWidth }
}
