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
/// Stored in 12 bytes (offsets as Float: a run is at most a page wide, far within Float precision),
/// because a long dossier holds millions of glyphs in memory between layout and output.
public struct Glyph: Hashable, Sendable {
    /// Glyph id in the font.
    public var id: UInt32
    private var storedX: Float
    private var storedY: Float
    public init(id: UInt32, x: Double, y: Double) { self.id = id; self.storedX = Float(x); self.storedY = Float(y) }
    public var x: Double { Double(storedX) }
    public var y: Double { Double(storedY) }
}

/// A cluster: `byteCount` bytes of the run's UTF-8 text drawn by `glyphCount` glyphs.
/// Clusters are in logical text order; for right-to-left runs the glyphs are consumed from the end.
public struct Cluster: Hashable, Sendable {
    private var storedBytes: UInt16
    private var storedGlyphs: UInt16
    public init(byteCount: Int, glyphCount: Int) {
        storedBytes = UInt16(clamping: byteCount); storedGlyphs = UInt16(clamping: glyphCount)
    }
    public var byteCount: Int { Int(storedBytes) }
    public var glyphCount: Int { Int(storedGlyphs) }
}

/// The shaped content of a run, shared by every copy of the run: frames are copied and moved a lot
/// during pagination, and sharing one immutable object keeps that to a pointer copy.
public final class ShapedRun: Hashable, Sendable {
    public let font: FontRef
    public let size: Double
    public let width: Double
    public let glyphs: [Glyph]
    public let text: String
    public let clusters: [Cluster]
    public let isRightToLeft: Bool
    public let color: Color

    public init(font: FontRef, size: Double, width: Double, glyphs: [Glyph], text: String, clusters: [Cluster],
                isRightToLeft: Bool, color: Color) {
        self.font = font; self.size = size; self.width = width; self.glyphs = glyphs; self.text = text
        self.clusters = clusters; self.isRightToLeft = isRightToLeft; self.color = color
    }

    public static func == (a: ShapedRun, b: ShapedRun) -> Bool {
        a === b || (a.font == b.font && a.size == b.size && a.width == b.width && a.glyphs == b.glyphs && a.text == b.text
                    && a.clusters == b.clusters && a.isRightToLeft == b.isRightToLeft && a.color == b.color)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text); hasher.combine(size); hasher.combine(glyphs.count)
    }
}

/// A fully shaped run of glyphs in one font, placed on a page: what the backend draws without shaping
/// anything itself.
public struct GlyphRun: Hashable, Sendable {
    /// The shaped glyphs, text and cluster map.
    public let shaped: ShapedRun
    /// Baseline origin of the run on the page.
    public var origin: Point

    public init(shaped: ShapedRun, origin: Point) { self.shaped = shaped; self.origin = origin }

    public init(font: FontRef, size: Double, origin: Point, width: Double, glyphs: [Glyph], text: String,
                clusters: [Cluster], isRightToLeft: Bool, color: Color) {
        self.init(shaped: ShapedRun(font: font, size: size, width: width, glyphs: glyphs, text: text, clusters: clusters,
                                    isRightToLeft: isRightToLeft, color: color), origin: origin)
    }

    public var font: FontRef { shaped.font }
    /// Font size in points.
    public var size: Double { shaped.size }
    /// Advance width of the whole run.
    public var width: Double { shaped.width }
    /// Glyphs in visual order (left to right), relative to the origin.
    public var glyphs: [Glyph] { shaped.glyphs }
    /// The logical source text these glyphs draw (what a reader extracts).
    public var text: String { shaped.text }
    /// Cluster map from `text` to `glyphs`.
    public var clusters: [Cluster] { shaped.clusters }
    /// True when the run is right-to-left (odd bidi level).
    public var isRightToLeft: Bool { shaped.isRightToLeft }
    public var color: Color { shaped.color }

    /// The same run with its origin moved.
    public func offsetBy(dx: Double, dy: Double) -> GlyphRun {
        GlyphRun(shaped: shaped, origin: Point(x: origin.x + dx, y: origin.y + dy))
    }
}
