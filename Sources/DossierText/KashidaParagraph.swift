import CPango

extension PangoParagraph {
    /// Whether the paragraph's justified lines are filled by kashida (right-to-left paragraphs only: a
    /// left-to-right paragraph asking for it is justified by its spaces, by Pango).
    var justifiesByKashida: Bool {
        settings.kashida && settings.alignment == .justify && settings.rightToLeft && settings.width != nil
    }

    /// Kashida-justifies line `index` of the layout when the paragraph asks for it and the line is not the last
    /// of its paragraph, and moves `logical` to the line's new extent (its start edge stays where it was).
    /// - Returns: what was done, or nil when the line is left as Pango set it.
    func justifyByKashida(_ line: UnsafeMutablePointer<PangoLayoutLine>, index: Int,
                          logical: inout PangoRectangle) -> KashidaLineReport? {
        guard justifiesByKashida, endsInsideParagraph(index) else { return nil }
        let natural = width(of: line)
        let slack = Int(measure(of: line)) - natural
        guard slack > 0 else { return nil }
        let report = KashidaLine(paragraph: self, isolates: BidiIsolation.isolatedRanges(in: text)).justify(line, slack: slack)
        let stretched = width(of: line)
        // Right to left: the right edge (the start) stays, the line grows to the left.
        logical.x -= Int32(stretched - natural)
        logical.width += Int32(stretched - natural)
        return report
    }

    /// Whether the line was broken by wrapping (not the last line of its paragraph, not before a line break).
    private func endsInsideParagraph(_ index: Int) -> Bool {
        guard index + 1 < Int(pango_layout_get_line_count(layout)),
              let next = pango_layout_get_line_readonly(layout, Int32(index + 1)) else { return false }
        return next.pointee.is_paragraph_start == 0
    }

    /// The width the line must fill, in Pango units: the layout's width less the indent it has.
    private func measure(of line: UnsafeMutablePointer<PangoLayoutLine>) -> Int32 {
        let indent = pango_layout_get_indent(layout)
        let first = line.pointee.is_paragraph_start != 0
        return pango_layout_get_width(layout) - (first ? max(indent, 0) : max(-indent, 0))
    }

    private func width(of line: UnsafeMutablePointer<PangoLayoutLine>) -> Int {
        var total = 0
        var node = line.pointee.runs
        while let current = node {
            if let item = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self) {
                total += Int(pango_glyph_string_get_width(item.pointee.glyphs))
            }
            node = current.pointee.next
        }
        return total
    }
}
