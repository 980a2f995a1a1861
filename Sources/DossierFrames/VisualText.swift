/// The text layer of a run as PDF viewers read it back.
///
/// Viewers rebuild a line's text from the order of its glyphs in the content stream: PDFium (Chrome,
/// Edge), poppler (Evince, Okular) and MuPDF expect a line's glyphs in visual order, left to right, and
/// reverse right-to-left text themselves. So every run is written with its glyphs left to right, and a
/// right-to-left run maps each cluster, taken left to right, to its text reversed character by
/// character: the viewer's own reversal then gives the logical text back (`المملكة` is written as the
/// glyphs of `ة`, `ك`, `ل`, … mapped to `ة`, `ك`, `ل`, …). Word, LibreOffice and Typst write RTL text
/// the same way.
///
/// A cluster drawn by several glyphs forces Cairo to wrap it in an `/ActualText` span, where extractors
/// break words. When the cluster is a letter and its vowel marks, drawn with one glyph each, each glyph
/// gets one character of its own instead. In a right-to-left run HarfBuzz reverses a cluster's
/// glyphs with the rest of the run, so the marks come first, as do the characters of the reversed text.
public struct VisualText: Equatable, Sendable {
    /// UTF-8 text in glyph order (right-to-left clusters reversed character by character).
    public var bytes: [UInt8]
    /// Clusters in glyph order, forward: each maps `byteCount` bytes of `bytes` to `glyphCount` glyphs.
    public var clusters: [Cluster]

    public init(bytes: [UInt8], clusters: [Cluster]) { self.bytes = bytes; self.clusters = clusters }

    /// The character a mirrored glyph shows: in a right-to-left run a logical `(` is drawn as `)`.
    /// PDFium mirrors the characters of right-to-left text when it reverses them, so it expects the
    /// character the reader sees.
    static func mirrored(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        case "(": return ")"
        case ")": return "("
        case "[": return "]"
        case "]": return "["
        case "{": return "}"
        case "}": return "{"
        case "<": return ">"
        case ">": return "<"
        case "«": return "»"
        case "»": return "«"
        default: return scalar
        }
    }

    /// The text of the clusters, as one string (for tests and dumps).
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

extension ShapedRun {
    /// The run's text and clusters in glyph order, as `VisualText` explains.
    public func visualText() -> VisualText {
        let source = Array(text.utf8)
        var starts: [Int] = []
        var offset = 0
        for cluster in clusters { starts.append(offset); offset += cluster.byteCount }
        let order = isRightToLeft ? Array(clusters.indices.reversed()) : Array(clusters.indices)
        var result = VisualText(bytes: [], clusters: [])
        result.bytes.reserveCapacity(source.count)
        result.clusters.reserveCapacity(clusters.count)
        for index in order {
            let start = starts[index], end = min(start + clusters[index].byteCount, source.count)
            guard start < end else { continue }
            var characters = String(decoding: source[start..<end], as: UTF8.self).unicodeScalars.map { $0 }
            if isRightToLeft { characters = characters.reversed().map(VisualText.mirrored) }
            append(characters, glyphCount: clusters[index].glyphCount, to: &result)
        }
        return result
    }

    /// Appends one cluster, split into one character per glyph when the counts are equal.
    private func append(_ characters: [Unicode.Scalar], glyphCount: Int, to result: inout VisualText) {
        let marks = characters.dropFirst().allSatisfy { $0.properties.generalCategory == .nonspacingMark }
            || characters.dropLast().allSatisfy { $0.properties.generalCategory == .nonspacingMark }
        if glyphCount > 1 && characters.count == glyphCount && marks {
            for character in characters {
                let utf8 = Array(String(character).utf8)
                result.bytes += utf8
                result.clusters.append(Cluster(byteCount: utf8.count, glyphCount: 1))
            }
            return
        }
        var byteCount = 0
        for character in characters {
            let utf8 = Array(String(character).utf8)
            result.bytes += utf8
            byteCount += utf8.count
        }
        result.clusters.append(Cluster(byteCount: byteCount, glyphCount: glyphCount))
    }
}
