import DossierContent
import DossierFrames
import DossierText

extension TextStyle {
    /// The shaping span for `text` in this style.
    func span(_ text: String) -> TextSpan {
        TextSpan(text: text, family: family, size: size, bold: bold, italic: italic,
                 color: Color(hex: color) ?? .black, letterSpacing: letterSpacing, wordSpacing: wordSpacing)
    }
}

extension Paragraph {
    /// Shaping spans, one per run.
    var spans: [TextSpan] { runs.map { $0.style.span($0.text) } }

    /// Shaping settings at a line width.
    func settings(width: Double) -> ParagraphSettings {
        let alignment: LineAlignment
        switch style.align {
        case .start: alignment = .start
        case .end: alignment = .end
        case .center: alignment = .center
        case .justify: alignment = .justify
        }
        return ParagraphSettings(rightToLeft: style.direction == .rtl, alignment: alignment,
                                 lineHeight: style.lineHeight, firstLineIndent: style.firstLineIndent, width: width,
                                 kashida: style.justification == .kashida)
    }

    /// The first link destination among the runs, if any.
    var linkDestination: String? { runs.lazy.compactMap(\.link).first }
}
