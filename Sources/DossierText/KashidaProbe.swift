import CPango

/// Where kashida justification would elongate single words in a font: the rules as HarfBuzz lets them apply.
/// For tests and for judging a font, not used when typesetting.
public enum KashidaProbe {
    /// What one word gets in one font.
    public struct Result: Equatable, Sendable {
        /// The word with `|` at every join HarfBuzz marks safe for a tatweel.
        public var safeJoins: String
        /// The word with a tatweel at its elongation point, or nil when it has none.
        public var elongated: String?
        public var rule: KashidaRule?
    }

    /// Shapes `word` alone (right to left) in `family` at `size` and finds its elongation point.
    public static func probe(_ word: String, family: String, size: Double = 12, world: FontWorld) -> Result {
        let paragraph = PangoParagraph(world: world, spans: [TextSpan(text: word, family: family, size: size)],
                                       settings: ParagraphSettings(width: nil))
        let scalars = Array(word.unicodeScalars)
        var safe = Set<Int>()
        var site: KashidaLine.Site? = nil
        if let line = pango_layout_get_line_readonly(paragraph.layout, 0), let run = line.pointee.runs?.pointee.data?
            .assumingMemoryBound(to: PangoGlyphItem.self), let font = run.pointee.item.pointee.analysis.font {
            let clusters = TatweelShaping.clusters(font: font, text: paragraph.text, range: 0..<paragraph.text.count)
            safe = Set(clusters.filter(\.value.safeBefore).keys)
            site = KashidaLine(paragraph: paragraph, isolates: []).elongationSites(in: run)?.1.first
        }
        var joins = "", elongated = "", byte = 0
        for (index, scalar) in scalars.enumerated() {
            if index > 0, safe.contains(byte) { joins += "|" }
            joins.unicodeScalars.append(scalar)
            elongated.unicodeScalars.append(scalar)
            byte += String(scalar).utf8.count
            // The tatweel follows the extended letter and its marks.
            let nextIsMark = index + 1 < scalars.count && ArabicJoining.isMark(scalars[index + 1])
            if let site, !nextIsMark, KashidaRules.clusterStart(of: index, in: scalars) == letterIndex(atByte: Int(site.cluster), in: scalars) {
                elongated += "\u{0640}"
            }
        }
        return Result(safeJoins: joins, elongated: site == nil ? nil : elongated, rule: site?.rule)
    }

    private static func letterIndex(atByte target: Int, in scalars: [Unicode.Scalar]) -> Int {
        var byte = 0
        for (index, scalar) in scalars.enumerated() {
            if byte == target { return index }
            byte += String(scalar).utf8.count
        }
        return -1
    }
}

extension KashidaProbe {
    /// The glyph id of the tatweel `family` draws between joined letters (to find it in shaped runs).
    public static func tatweelGlyph(family: String, size: Double = 12, world: FontWorld) -> UInt32? {
        let paragraph = PangoParagraph(world: world, spans: [TextSpan(text: "بب", family: family, size: size)],
                                       settings: ParagraphSettings(width: nil))
        guard let line = pango_layout_get_line_readonly(paragraph.layout, 0),
              let run = line.pointee.runs?.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self),
              let font = run.pointee.item.pointee.analysis.font else { return nil }
        return TatweelShaping.tatweel(font: font, size: size)?.glyph
    }
}
