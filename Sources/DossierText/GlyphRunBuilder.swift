import CPango
import DossierFrames

/// Turns one Pango glyph item (a run of one font and direction) into a frame `GlyphRun`,
/// with the cluster map the PDF backend needs to keep the text extractable in logical order.
struct GlyphRunBuilder {
    let paragraph: PangoParagraph
    let item: PangoGlyphItem

    static let emptyGlyph: UInt32 = 0x0FFF_FFFF
    static let unknownFlag: UInt32 = 0x1000_0000

    init(paragraph: PangoParagraph, item: PangoGlyphItem) {
        self.paragraph = paragraph
        self.item = item
    }

    /// Advance width of the run in points.
    var width: Double {
        Double(pango_glyph_string_get_width(item.glyphs)) / Double(PANGO_SCALE)
    }

    /// Builds the run; nil when it draws nothing (only bidi controls, say).
    func build(x: Double, baseline: Double, place: String) throws -> GlyphRun? {
        let glyphs = item.glyphs.pointee
        let analysis = item.item.pointee.analysis
        let offset = Int(item.item.pointee.offset)
        let length = Int(item.item.pointee.length)
        let count = Int(glyphs.num_glyphs)
        let rtl = analysis.level % 2 == 1
        let itemText = Array(paragraph.text[offset..<(offset + length)])
        try reportUnknownGlyphs(glyphs, count: count, itemText: itemText, place: place)
        guard let font = analysis.font else { return nil }
        let fontRef = paragraph.world.fontRef(for: font)
        let span = paragraph.span(at: offset)
        try checkFamily(asked: span.family, got: fontRef.family, itemText: itemText, place: place)

        // Positions in visual order, dropping empty glyphs (bidi controls, zero-width characters).
        var positioned: [Glyph] = []
        var keep: [Bool] = []
        var pen = 0.0
        for index in 0..<count {
            let info = glyphs.glyphs[index]
            let drawn = info.glyph != GlyphRunBuilder.emptyGlyph
            keep.append(drawn)
            if drawn {
                positioned.append(Glyph(id: info.glyph,
                                        x: pen + Double(info.geometry.x_offset) / Double(PANGO_SCALE),
                                        y: Double(info.geometry.y_offset) / Double(PANGO_SCALE)))
            }
            pen += Double(info.geometry.width) / Double(PANGO_SCALE)
        }
        guard !positioned.isEmpty else { return nil }
        closeWordGaps(&positioned, glyphs, count: count, keep: keep, font: font, size: span.size)
        let (text, clusters) = clusterMap(glyphs, count: count, keep: keep, itemText: itemText, rtl: rtl)
        return GlyphRun(font: fontRef, size: span.size, origin: Point(x: x, y: baseline), width: pen,
                        glyphs: positioned, text: text, clusters: clusters, isRightToLeft: rtl, color: span.color)
    }

    /// PDF viewers' text engines (PDFium, poppler) start a new word where the gap between the end of one glyph
    /// (its origin plus the width the font declares) and the start of the next exceeds about 0.1 em.
    static let wordGapLimit = 0.09
    /// The most a glyph is moved to keep its word whole for them: far below what a reader can see.
    static let largestNudge = 0.04

    /// Some kerning opens a gap inside a word: Amiri places «ر» 0.122 em right of an initial «ي» before it
    /// (`المشاريع`, `توزيع`), and the viewers then read «المشار يع». Such a glyph is moved back towards its
    /// neighbour by at most `largestNudge` em, so that neither gap around it exceeds `wordGapLimit`; nothing
    /// else moves (the run keeps its width). Only gaps between two letters of a word are closed.
    private func closeWordGaps(_ positioned: inout [Glyph], _ glyphs: PangoGlyphString, count: Int, keep: [Bool],
                               font: UnsafeMutablePointer<PangoFont>, size: Double) {
        guard positioned.count > 1, let hbFont = pango_font_get_hb_font(font) else { return }
        var xScale: Int32 = 0, yScale: Int32 = 0
        hb_font_get_scale(hbFont, &xScale, &yScale)
        guard xScale > 0 else { return }
        // Cluster (text byte) of each drawn glyph, in visual order like `positioned`.
        let clusters = (0..<count).filter { keep[$0] }.map { Int(glyphs.log_clusters[$0]) }
        let limit = GlyphRunBuilder.wordGapLimit * size, nudgeLimit = GlyphRunBuilder.largestNudge * size
        func end(_ index: Int) -> Double {
            positioned[index].x + Double(hb_font_get_glyph_h_advance(hbFont, positioned[index].id)) * size / Double(xScale)
        }
        for index in 1..<positioned.count where clusters[index] != clusters[index - 1]
            && isLetter(at: clusters[index]) && isLetter(at: clusters[index - 1]) {
            let gap = positioned[index].x - end(index - 1)
            guard gap > limit else { continue }
            let rightGap = index + 1 < positioned.count ? positioned[index + 1].x - end(index) : 0
            let nudge = min(gap - limit, nudgeLimit, max(0, limit - rightGap))
            guard nudge > 0 else { continue }
            let glyph = positioned[index]
            positioned[index] = Glyph(id: glyph.id, x: glyph.x - nudge, y: glyph.y)
        }
    }

    /// Whether the item's text at this byte starts with a letter (not a space, digit or punctuation).
    private func isLetter(at itemByte: Int) -> Bool {
        let start = Int(item.item.pointee.offset) + itemByte
        guard start < paragraph.text.count else { return false }
        let bytes = paragraph.text[start..<min(start + 4, paragraph.text.count)]
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first else { return false }
        return scalar.properties.isAlphabetic
    }

    /// Groups glyphs by the text byte they start at, in logical order. Clusters whose glyphs are all empty
    /// are dropped with their text: a zero-glyph cluster would otherwise confuse PDF text extraction.
    private func clusterMap(_ glyphs: PangoGlyphString, count: Int, keep: [Bool], itemText: [UInt8],
                            rtl: Bool) -> (String, [Cluster]) {
        let logicalOrder = rtl ? Array((0..<count).reversed()) : Array(0..<count)
        var groups: [(start: Int, glyphs: Int)] = []
        for index in logicalOrder {
            let start = Int(glyphs.log_clusters[index])
            if let last = groups.last, last.start == start {
                groups[groups.count - 1].glyphs += keep[index] ? 1 : 0
            } else {
                groups.append((start, keep[index] ? 1 : 0))
            }
        }
        var bytes: [UInt8] = []
        var clusters: [Cluster] = []
        for (position, group) in groups.enumerated() {
            let end = position + 1 < groups.count ? groups[position + 1].start : itemText.count
            guard group.glyphs > 0, end > group.start else { continue }
            bytes += itemText[group.start..<end]
            clusters.append(Cluster(byteCount: end - group.start, glyphCount: group.glyphs))
        }
        return (String(decoding: bytes, as: UTF8.self), clusters)
    }

    private func reportUnknownGlyphs(_ glyphs: PangoGlyphString, count: Int, itemText: [UInt8], place: String) throws {
        for index in 0..<count {
            let glyph = glyphs.glyphs[index].glyph
            if glyph != GlyphRunBuilder.emptyGlyph, glyph & GlyphRunBuilder.unknownFlag != 0 {
                let codePoint = glyph & ~GlyphRunBuilder.unknownFlag
                // Line separators and other controls are drawn as nothing by design.
                if codePoint < 0x20 { continue }
                throw TextError.uncoveredCharacter(codePoint: codePoint, text: excerpt(),
                                                   place: place)
            }
        }
    }

    private func checkFamily(asked: String, got: String, itemText: [UInt8], place: String) throws {
        guard !paragraph.world.allowedFamilies(for: asked).contains(got) else { return }
        throw TextError.undeclaredSubstitution(asked: asked, got: got,
                                               text: Self.readable(String(decoding: itemText, as: UTF8.self)), place: place)
    }

    /// The paragraph text as the layout gave it, shortened for messages.
    private func excerpt() -> String {
        let text = Self.readable(String(decoding: paragraph.text, as: UTF8.self))
        return text.count > 60 ? String(text.prefix(60)) + "…" : text
    }

    /// `text` without the invisible characters `BidiIsolation` adds (isolates, word joiners after dashes), which a
    /// message would otherwise carry into the terminal or into what its reader copies.
    static func readable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            !(0x2066...0x2069).contains($0.value) && $0 != BidiIsolation.wordJoiner
        }))
    }
}
