import CPango

/// What HarfBuzz knows about elongating a run: where a tatweel can go without changing the shaping around it,
/// and the font's tatweel glyph.
///
/// Pango does not ask HarfBuzz for `HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL`, so the run's text is shaped once more,
/// with Pango's own HarfBuzz font, the paragraph as context and `HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL`.
/// Amiri, whose letters change form with their neighbours (`بسم`, `لمحمد`), is safe at few places; where it is
/// not, a tatweel glyph between the old forms would break the join.
struct TatweelShaping {
    /// Glyph ids and safety of each cluster, by the cluster's first byte in the paragraph text.
    struct ClusterInfo: Equatable {
        var glyphs: [UInt32]
        /// A tatweel may go before this cluster.
        var safeBefore: Bool
    }

    /// The tatweel glyph of a font and its advance in Pango units.
    struct Tatweel: Equatable {
        var glyph: UInt32
        var width: Int
    }

    /// Shapes `range` of `text` (a right-to-left Arabic item) and reads the flags, cluster by cluster.
    static func clusters(font: UnsafeMutablePointer<PangoFont>, text: [UInt8], range: Range<Int>) -> [Int: ClusterInfo] {
        guard let hbFont = pango_font_get_hb_font(font), let buffer = hb_buffer_create() else { return [:] }
        defer { hb_buffer_destroy(buffer) }
        text.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(text.count), UInt32(range.lowerBound), Int32(range.count))
            }
        }
        prepare(buffer)
        hb_shape(hbFont, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count) else { return [:] }
        var result: [Int: ClusterInfo] = [:]
        // Output is in visual order (right to left reversed); clusters are collected in the order Pango keeps.
        for index in 0..<Int(count) {
            var info = infos[index]
            let safe = hb_glyph_info_get_glyph_flags(&info).rawValue & HB_GLYPH_FLAG_SAFE_TO_INSERT_TATWEEL.rawValue != 0
            let cluster = Int(info.cluster)
            var entry = result[cluster] ?? ClusterInfo(glyphs: [], safeBefore: true)
            entry.glyphs.append(info.codepoint)
            entry.safeBefore = entry.safeBefore && safe
            result[cluster] = entry
        }
        return result
    }

    /// The tatweel as the font draws it between two joined letters (`بـب`), or nil when the font has none.
    static func tatweel(font: UnsafeMutablePointer<PangoFont>, size: Double) -> Tatweel? {
        guard let hbFont = pango_font_get_hb_font(font), let buffer = hb_buffer_create() else { return nil }
        defer { hb_buffer_destroy(buffer) }
        let sample = Array("\u{0628}\u{0640}\u{0628}".utf8)
        sample.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                hb_buffer_add_utf8(buffer, chars.baseAddress, Int32(sample.count), 0, Int32(sample.count))
            }
        }
        prepare(buffer)
        hb_shape(hbFont, buffer, nil, 0)
        var count: UInt32 = 0, positions: UInt32 = 0
        var xScale: Int32 = 0, yScale: Int32 = 0
        hb_font_get_scale(hbFont, &xScale, &yScale)
        guard xScale > 0, let infos = hb_buffer_get_glyph_infos(buffer, &count),
              let advances = hb_buffer_get_glyph_positions(buffer, &positions) else { return nil }
        // The tatweel is the second character, two bytes in.
        guard let index = (0..<Int(count)).first(where: { infos[$0].cluster == 2 }), infos[index].codepoint != 0 else {
            return nil
        }
        let points = Double(advances[index].x_advance) * size / Double(xScale)
        let width = Int((points * Double(PANGO_SCALE)).rounded())
        return width > 0 ? Tatweel(glyph: infos[index].codepoint, width: width) : nil
    }

    private static func prepare(_ buffer: OpaquePointer) {
        hb_buffer_set_direction(buffer, HB_DIRECTION_RTL)
        hb_buffer_set_script(buffer, HB_SCRIPT_ARABIC)
        hb_buffer_set_language(buffer, hb_language_from_string("ar", -1))
        hb_buffer_set_flags(buffer, HB_BUFFER_FLAG_PRODUCE_SAFE_TO_INSERT_TATWEEL)
        // Clusters of characters, as Pango shapes: a vowel mark is a cluster of its own, so a vowelled word's letters
        // compare glyph for glyph with Pango's (with HarfBuzz's default grapheme clusters none of them did).
        hb_buffer_set_cluster_level(buffer, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS)
    }
}
