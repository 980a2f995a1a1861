import CPango
import Foundation
import Synchronization
import DossierFrames

/// Shapes paragraphs with Pango (HarfBuzz underneath) and breaks them into lines.
///
/// Right-to-left paragraphs get their numbers, codes and Latin words isolated first (`BidiIsolation`).
/// Results are cached by input, since headers, footers and table headings repeat on every page.
public final class ParagraphShaper {
    public let world: FontWorld
    private var cache: [CacheKey: ShapedParagraph] = [:]
    /// Paragraphs shaped by the other threads laying out the same document (`SharedShapes`), when it is laid out
    /// on several.
    public var shared: SharedShapes?

    /// Spans compared and hashed by their UTF-8 bytes, which is what Pango shapes: `String`'s own hashing and
    /// equality normalise every non-ASCII text first (all the Arabic ones), most of what a lookup cost.
    struct CacheKey: Hashable, Sendable {
        var spans: [TextSpan]
        var settings: ParagraphSettings

        static func == (a: CacheKey, b: CacheKey) -> Bool {
            a.settings == b.settings && a.spans.count == b.spans.count
                && zip(a.spans, b.spans).allSatisfy { x, y in x.text.utf8.elementsEqual(y.text.utf8) && x.style == y.style }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(settings)
            hasher.combine(spans.count)
            for span in spans {
                var text = span.text
                text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                hasher.combine(span.style)
            }
        }
    }

    public init(world: FontWorld) { self.world = world }

    /// Shapes `spans` as one paragraph.
    /// - Parameter place: where the text comes from, named in errors.
    /// - Throws: `TextError` for undeclared families, substitutions and uncovered characters.
    public func shape(_ spans: [TextSpan], settings: ParagraphSettings, place: String) throws -> ShapedParagraph {
        let key = CacheKey(spans: spans, settings: settings)
        if let cached = cache[key] { return cached }
        if let found = shared?.paragraph(for: key) {
            cache[key] = found
            return found
        }
        for span in spans where !world.families.contains(span.family) {
            throw TextError.undeclaredFamily(family: span.family, declared: world.families.sorted(), place: place)
        }
        let prepared = settings.rightToLeft
            ? spans.map { var s = $0; s.text = BidiIsolation.isolate(s.text); return s }
            : spans
        let layout = PangoParagraph(world: world, spans: prepared, settings: settings)
        let result = try layout.shapedLines(place: place)
        cache[key] = result
        shared?.add(result, for: key)
        return result
    }

    /// Forgets cached paragraphs.
    public func clearCache() { cache.removeAll(keepingCapacity: true) }

    /// Takes over the paragraphs `other` shaped (with a font world of its own, on another thread) that this one
    /// has not: both worlds are made from the same fonts, so the results are the ones this shaper would give.
    public func adopt(_ other: ParagraphShaper) {
        cache.merge(other.cache) { mine, _ in mine }
    }

    /// How many shaped paragraphs may stay cached from one document to the next.
    public static let keptBetweenDocuments = 4096

    /// Called between documents. The dossiers of a batch repeat their labels, headings, table headers and
    /// running texts, so what was shaped stays for the next one; the cache is emptied once it holds more than
    /// `keptBetweenDocuments` paragraphs, so that memory stays flat however long the batch. Shaping is a pure
    /// function of the spans and settings, so a paragraph from the cache is the one shaping would give.
    /// The paragraphs shared with other threads (`shared`) are trimmed the same way.
    public func trimCache() {
        if cache.count > Self.keptBetweenDocuments { clearCache() }
        shared?.trim(above: Self.keptBetweenDocuments)
    }
}

/// Shaped paragraphs shared by the shapers of several threads laying out one document, so that a text the
/// document repeats is shaped once rather than once per thread. Results are immutable values; only the
/// dictionary is guarded.
public final class SharedShapes: Sendable {
    private let paragraphs = Mutex<[ParagraphShaper.CacheKey: ShapedParagraph]>([:])

    public init() {}

    func paragraph(for key: ParagraphShaper.CacheKey) -> ShapedParagraph? {
        paragraphs.withLock { $0[key] }
    }

    func add(_ paragraph: ShapedParagraph, for key: ParagraphShaper.CacheKey) {
        paragraphs.withLock { $0[key] = paragraph }
    }

    /// Forgets every paragraph when there are more than `limit`.
    func trim(above limit: Int) {
        paragraphs.withLock { if $0.count > limit { $0.removeAll() } }
    }
}

/// One PangoLayout, owned for the time it takes to read its lines out.
final class PangoParagraph {
    let world: FontWorld
    let layout: OpaquePointer
    let text: [UInt8]
    let spans: [TextSpan]
    let spanStarts: [Int]
    let settings: ParagraphSettings

    init(world: FontWorld, spans: [TextSpan], settings: ParagraphSettings) {
        self.world = world
        self.spans = spans
        self.settings = settings
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for span in spans {
            starts.append(bytes.count)
            bytes += Array(span.text.utf8)
        }
        text = bytes
        spanStarts = starts
        layout = pango_layout_new(settings.rightToLeft ? world.rtlContext : world.ltrContext)
        configure(settings)
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(layout)) }

    private func configure(_ settings: ParagraphSettings) {
        pango_layout_set_auto_dir(layout, 0)
        text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                pango_layout_set_text(layout, chars.baseAddress, Int32(text.count))
            }
        }
        if let width = settings.width {
            pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        // Pango's LEFT/RIGHT are physical; the layout's base direction decides which one is "start".
        let startIsRight = settings.rightToLeft
        switch settings.alignment {
        case .start, .justify: pango_layout_set_alignment(layout, startIsRight ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        case .end: pango_layout_set_alignment(layout, startIsRight ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        }
        // Kashida lines are stretched afterwards (`justifyByKashida`), from their natural width.
        pango_layout_set_justify(layout, settings.alignment == .justify && !justifiesByKashida ? 1 : 0)
        pango_layout_set_indent(layout, Int32(settings.firstLineIndent * Double(PANGO_SCALE)))
        if settings.lineHeight != 1 { pango_layout_set_line_spacing(layout, Float(settings.lineHeight)) }
        applyAttributes()
    }

    private func applyAttributes() {
        let list = pango_attr_list_new()
        for (index, span) in spans.enumerated() {
            let start = UInt32(spanStarts[index])
            let end = UInt32(spanStarts[index] + span.text.utf8.count)
            let description = pango_font_description_new()
            pango_font_description_set_family(description, span.family)
            pango_font_description_set_absolute_size(description, span.size * Double(PANGO_SCALE))
            pango_font_description_set_weight(description, span.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
            pango_font_description_set_style(description, span.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
            insert(pango_attr_font_desc_new(description), into: list, start, end)
            pango_font_description_free(description)
            if span.letterSpacing != 0 {
                insert(pango_attr_letter_spacing_new(Int32(span.letterSpacing * Double(PANGO_SCALE))), into: list, start, end)
            }
            if span.wordSpacing != 0 { insertWordSpacing(span, start: Int(start), into: list) }
        }
        // Arabic fonts localise punctuation for the Arabic script (Amiri draws a raised Arabic period in
        // `28.250.000`); numbers and Latin inside isolates keep their own punctuation.
        for range in BidiIsolation.isolatedRanges(in: text) {
            insert(pango_attr_font_features_new("locl 0"), into: list, UInt32(range.lowerBound), UInt32(range.upperBound))
            keepWhole(range, in: list)
        }
        pango_layout_set_attributes(layout, list)
        pango_attr_list_unref(list)
    }

    /// Codes, acronyms, amounts and dates are never hyphenated nor split: a narrow table column once broke
    /// `(FDRZM)` into `(FDRZ-` and `M)`. Each word of an isolate disallows breaks (which also stops Pango's
    /// emergency breaking between characters: a token wider than its column overflows it instead); breaks
    /// stay allowed at the spaces of a Latin phrase, so that a long name still wraps. Pango 1.50 puts a break
    /// back after a hyphen or en dash inside a no-break range, so ranges end after those dashes and the word
    /// joiner `BidiIsolation` puts after them keeps the line unbroken there.
    private func keepWhole(_ isolate: Range<Int>, in list: OpaquePointer?) {
        insert(pango_attr_insert_hyphens_new(0), into: list, UInt32(isolate.lowerBound), UInt32(isolate.upperBound))
        var start: Int? = nil
        var index = isolate.lowerBound
        while index <= isolate.upperBound {
            let atEnd = index == isolate.upperBound
            let endsAfterDash = !atEnd && Self.isBreakingDash(text, at: index)
            let isSpace = !atEnd && text[index] == 0x20
            if start == nil, !atEnd, !isSpace { start = index }
            let end = endsAfterDash ? index + 3 : index
            if let first = start, atEnd || isSpace || endsAfterDash {
                insert(pango_attr_allow_breaks_new(0), into: list, UInt32(first), UInt32(end))
                start = nil
            }
            index = endsAfterDash ? index + 3 : index + 1
        }
    }

    /// U+2010, U+2012 and U+2013 (three UTF-8 bytes from `E2 80`): the dashes Pango always breaks after.
    static func isBreakingDash(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index] == 0xE2 && bytes[index + 1] == 0x80
            && [0x90, 0x92, 0x93].contains(bytes[index + 2])
    }

    /// Pango 1.50 has no word-spacing attribute: letter spacing on each space character does the same.
    private func insertWordSpacing(_ span: TextSpan, start: Int, into list: OpaquePointer?) {
        var offset = start
        for byte in span.text.utf8 {
            if byte == 0x20 {
                let attr = pango_attr_letter_spacing_new(Int32(span.wordSpacing * Double(PANGO_SCALE)))
                insert(attr, into: list, UInt32(offset), UInt32(offset + 1))
            }
            offset += 1
        }
    }

    private func insert(_ attr: UnsafeMutablePointer<PangoAttribute>?, into list: OpaquePointer?, _ start: UInt32, _ end: UInt32) {
        guard let attr else { return }
        attr.pointee.start_index = start
        attr.pointee.end_index = end
        pango_attr_list_insert(list, attr)
    }

    /// The span a byte offset falls in.
    func span(at byte: Int) -> TextSpan {
        var found = 0
        for (index, start) in spanStarts.enumerated() where start <= byte { found = index }
        return spans[found]
    }

    /// Reads every line and its glyph runs out of the layout.
    func shapedLines(place: String) throws -> ShapedParagraph {
        var lines: [ShapedLine] = []
        guard let iter = pango_layout_get_iter(layout) else { return ShapedParagraph(lines: [], height: 0, naturalWidth: 0) }
        defer { pango_layout_iter_free(iter) }
        var index = -1
        repeat {
            index += 1
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let kashida = justifyByKashida(line, index: index, logical: &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / Double(PANGO_SCALE)
            let lineX = Double(logical.x) / Double(PANGO_SCALE)
            let runs = try glyphRuns(of: line, startX: lineX, baseline: baseline, place: place)
            let start = Int(line.pointee.start_index)
            lines.append(ShapedLine(top: Double(logical.y) / Double(PANGO_SCALE),
                                    height: Double(logical.height) / Double(PANGO_SCALE),
                                    baseline: baseline, x: lineX,
                                    width: Double(logical.width) / Double(PANGO_SCALE),
                                    runs: runs, textRange: start..<(start + Int(line.pointee.length)), kashida: kashida))
        } while pango_layout_iter_next_line(iter) != 0
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        let height = lines.last.map { $0.top + $0.height } ?? 0
        return ShapedParagraph(lines: lines, height: max(height, Double(logical.height) / Double(PANGO_SCALE)),
                               naturalWidth: lines.map(\.width).max() ?? 0)
    }

    private func glyphRuns(of line: UnsafeMutablePointer<PangoLayoutLine>, startX: Double, baseline: Double,
                           place: String) throws -> [GlyphRun] {
        var runs: [GlyphRun] = []
        var x = startX
        var node = line.pointee.runs
        while let current = node {
            defer { node = current.pointee.next }
            guard let item = current.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self) else { continue }
            let builder = GlyphRunBuilder(paragraph: self, item: item.pointee)
            if let run = try builder.build(x: x, baseline: baseline, place: place) { runs.append(run) }
            x += builder.width
        }
        return runs
    }
}
