/// A font file the text stage chose, identified so that the backend can open the very same face.
public struct FontRef: Hashable, Sendable {
    /// Absolute path of the font file.
    public var file: String
    /// Face index inside the file (collections).
    public var faceIndex: Int
    /// Family name as the font declares it (for dumps and error messages).
    public var family: String
    public init(file: String, faceIndex: Int, family: String) {
        self.file = file; self.faceIndex = faceIndex; self.family = family
    }
}

/// One shaped glyph, positioned relative to the run's origin (on the baseline).
public struct Glyph: Hashable, Sendable {
    /// Glyph id in the font.
    public var id: UInt32
    public var x: Double
    public var y: Double
    public init(id: UInt32, x: Double, y: Double) { self.id = id; self.x = x; self.y = y }
}

/// A cluster: `byteCount` bytes of the run's UTF-8 text drawn by `glyphCount` glyphs.
/// Clusters are in logical text order; for right-to-left runs the glyphs are consumed from the end.
public struct Cluster: Hashable, Sendable {
    public var byteCount: Int
    public var glyphCount: Int
    public init(byteCount: Int, glyphCount: Int) { self.byteCount = byteCount; self.glyphCount = glyphCount }
}

/// A fully shaped run of glyphs in one font: what the backend draws without shaping anything itself.
public struct GlyphRun: Hashable, Sendable {
    public var font: FontRef
    /// Font size in points.
    public var size: Double
    /// Baseline origin of the run on the page.
    public var origin: Point
    /// Advance width of the whole run.
    public var width: Double
    /// Glyphs in visual order (left to right).
    public var glyphs: [Glyph]
    /// The logical source text these glyphs draw (what a reader extracts).
    public var text: String
    /// Cluster map from `text` to `glyphs`.
    public var clusters: [Cluster]
    /// True when the run is right-to-left (odd bidi level).
    public var isRightToLeft: Bool
    public var color: Color

    public init(font: FontRef, size: Double, origin: Point, width: Double, glyphs: [Glyph], text: String,
                clusters: [Cluster], isRightToLeft: Bool, color: Color) {
        self.font = font; self.size = size; self.origin = origin; self.width = width; self.glyphs = glyphs
        self.text = text; self.clusters = clusters; self.isRightToLeft = isRightToLeft; self.color = color
    }

    /// The same run with its origin moved.
    public func offsetBy(dx: Double, dy: Double) -> GlyphRun {
        var copy = self
        copy.origin = Point(x: origin.x + dx, y: origin.y + dy)
        return copy
    }
}
