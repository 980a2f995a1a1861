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
    ///
    /// Runs once per run drawn (a long dossier has hundreds of thousands), so it works on the UTF-8 bytes
    /// with one reused buffer of characters rather than a string and arrays per character.
    public func visualText() -> VisualText {
        let source = Array(text.utf8)
        var result = VisualText(bytes: [], clusters: [])
        result.bytes.reserveCapacity(source.count)
        result.clusters.reserveCapacity(clusters.count)
        var characters: [Unicode.Scalar] = []
        // Each cluster's bytes start where the previous cluster's end (walked from the end for right to left).
        var total = 0
        for cluster in clusters { total += cluster.byteCount }
        var start = isRightToLeft ? total : 0
        for index in clusters.indices {
            let cluster = clusters[isRightToLeft ? clusters.count - 1 - index : index]
            if isRightToLeft { start -= cluster.byteCount }
            defer { if !isRightToLeft { start += cluster.byteCount } }
            let end = min(start + cluster.byteCount, source.count)
            guard start < end else { continue }
            characters.removeAll(keepingCapacity: true)
            // Decoded as `String(decoding:as:)` would (invalid bytes become U+FFFD).
            _ = transcode(source[start..<end].makeIterator(), from: UTF8.self, to: UTF32.self, stoppingOnError: false) {
                characters.append(Unicode.Scalar($0) ?? "\u{FFFD}")
            }
            if isRightToLeft {
                characters.reverse()
                for position in characters.indices { characters[position] = VisualText.mirrored(characters[position]) }
            }
            Self.append(characters, glyphCount: cluster.glyphCount, to: &result)
        }
        return result
    }

    /// Appends one cluster, split into one character per glyph when the counts are equal and the characters are
    /// a letter and its marks.
    private static func append(_ characters: [Unicode.Scalar], glyphCount: Int, to result: inout VisualText) {
        if glyphCount > 1 && characters.count == glyphCount && isLetterWithMarks(characters) {
            for character in characters {
                let before = result.bytes.count
                UTF8.encode(character) { result.bytes.append($0) }
                result.clusters.append(Cluster(byteCount: result.bytes.count - before, glyphCount: 1))
            }
            return
        }
        let before = result.bytes.count
        for character in characters { UTF8.encode(character) { result.bytes.append($0) } }
        result.clusters.append(Cluster(byteCount: result.bytes.count - before, glyphCount: glyphCount))
    }

    /// Whether all the characters but the first, or all but the last, are nonspacing marks.
    private static func isLetterWithMarks(_ characters: [Unicode.Scalar]) -> Bool {
        characters.dropFirst().allSatisfy { $0.properties.generalCategory == .nonspacingMark }
            || characters.dropLast().allSatisfy { $0.properties.generalCategory == .nonspacingMark }
    }
}
