import CPango
import DossierFrames
import Foundation

/// The private font world: a fontconfig configuration holding only the fonts declared in `Fonts/fonts.txt`,
/// a Pango font map on it, and the two Pango contexts (RTL and LTR) every paragraph is shaped with.
///
/// Owns its C objects; nothing outside this module sees them. Not thread-safe: use one per thread.
public final class FontWorld {
    public let catalog: FontCatalog
    /// Families present in the configuration (as fonts declare them).
    public let families: Set<String>
    let config: OpaquePointer
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let rtlContext: OpaquePointer
    let ltrContext: OpaquePointer
    /// Font references, by the address of Pango's font object. The world holds a reference to each font it
    /// caches: Pango's map keeps fonts only while their fontsets are in its 256-entry cache, and a freed
    /// font's address, reused by another font, would otherwise return the wrong file.
    var fontRefs: [UnsafeMutableRawPointer: FontRef] = [:]

    /// Builds the world from a manifest (usually `Fonts/fonts.txt`).
    /// - Throws: `TextError.missingFont` naming the Debian package when a declared file is absent.
    public init(manifest: URL) throws {
        catalog = try FontCatalog.load(manifest: manifest)
        let files = try catalog.resolvedFiles()
        guard let config = FcConfigCreate() else { throw TextError.setupFailed("FcConfigCreate failed") }
        self.config = config
        let xml = FontWorld.configurationXML(fallbacks: catalog.fallbacks)
        guard FcConfigParseAndLoadFromMemory(config, xml, 1) == 1 else {
            FcConfigDestroy(config)
            throw TextError.setupFailed("fontconfig rejected the generated configuration")
        }
        for file in files where FcConfigAppFontAddFile(config, file) == 0 {
            FcConfigDestroy(config)
            throw TextError.setupFailed("fontconfig could not read \(file)")
        }
        families = FontWorld.familyNames(in: config)
        guard let map = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT) else {
            FcConfigDestroy(config)
            throw TextError.setupFailed("no FreeType font map")
        }
        fontMap = map
        pango_fc_font_map_set_config(OpaquePointer(map), config)
        // Until both contexts exist `deinit` does not run, so a failure here releases what was made.
        do {
            rtlContext = try FontWorld.makeContext(map, direction: PANGO_DIRECTION_RTL)
        } catch {
            g_object_unref(UnsafeMutableRawPointer(map)); FcConfigDestroy(config)
            throw error
        }
        do {
            ltrContext = try FontWorld.makeContext(map, direction: PANGO_DIRECTION_LTR)
        } catch {
            g_object_unref(UnsafeMutableRawPointer(rtlContext)); g_object_unref(UnsafeMutableRawPointer(map)); FcConfigDestroy(config)
            throw error
        }
    }

    deinit {
        for font in fontRefs.keys { g_object_unref(font) }
        g_object_unref(UnsafeMutableRawPointer(rtlContext))
        g_object_unref(UnsafeMutableRawPointer(ltrContext))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
        FcConfigDestroy(config)
    }

    /// The families a run in `family` may be drawn with: itself, then its declared fallbacks.
    public func allowedFamilies(for family: String) -> [String] {
        var result = [family]
        var queue = catalog.fallbacks[family] ?? []
        while let next = queue.first {
            queue.removeFirst()
            if !result.contains(next) { result.append(next); queue += catalog.fallbacks[next] ?? [] }
        }
        return result
    }

    /// A context at 72 dpi (1 pt = 1 unit), unhinted so that PDF and PNG share the same positions.
    private static func makeContext(_ map: UnsafeMutablePointer<PangoFontMap>, direction: PangoDirection) throws -> OpaquePointer {
        guard let context = pango_font_map_create_context(map) else { throw TextError.setupFailed("no Pango context") }
        pango_cairo_context_set_resolution(context, 72)
        guard let options = cairo_font_options_create(), cairo_font_options_status(options) == CAIRO_STATUS_SUCCESS else {
            g_object_unref(UnsafeMutableRawPointer(context))
            throw TextError.setupFailed("no Cairo font options")
        }
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_base_dir(context, direction)
        // Pango rounds glyph positions to whole device units (whole points at 72 dpi) by default: that
        // leaves gaps of up to 0.09 em inside words, where poppler's text extraction breaks the word.
        pango_context_set_round_glyph_positions(context, 0)
        pango_context_set_language(context, pango_language_from_string(direction == PANGO_DIRECTION_RTL ? "ar" : "fr"))
        return context
    }

    /// A fontconfig configuration with a private cache and the declared fallbacks as aliases.
    private static func configurationXML(fallbacks: [String: [String]]) -> String {
        let cache = (NSTemporaryDirectory() as NSString).appendingPathComponent("dossier-fontconfig-cache")
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE fontconfig SYSTEM \"fonts.dtd\"><fontconfig>"
        xml += "<cachedir>\(cache)</cachedir>"
        for (family, others) in fallbacks.sorted(by: { $0.key < $1.key }) {
            xml += "<alias binding=\"strong\"><family>\(escape(family))</family><prefer><family>\(escape(family))</family>"
            for other in others { xml += "<family>\(escape(other))</family>" }
            xml += "</prefer></alias>"
        }
        return xml + "</fontconfig>"
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    private static func familyNames(in config: OpaquePointer) -> Set<String> {
        guard let set = FcConfigGetFonts(config, FcSetApplication) else { return [] }
        var names = Set<String>()
        for index in 0..<Int(set.pointee.nfont) {
            guard let pattern = set.pointee.fonts[index] else { continue }
            var value: UnsafeMutablePointer<FcChar8>?
            if FcPatternGetString(pattern, FC_FAMILY, 0, &value) == FcResultMatch, let value {
                names.insert(String(cString: value))
            }
        }
        return names
    }

    /// The file, face index and family of a font Pango chose, cached per font object.
    func fontRef(for font: UnsafeMutablePointer<PangoFont>) -> FontRef {
        let key = UnsafeMutableRawPointer(font)
        if let known = fontRefs[key] { return known }
        let pattern = pango_fc_font_get_pattern(UnsafeMutableRawPointer(font).assumingMemoryBound(to: PangoFcFont.self))
        var file: UnsafeMutablePointer<FcChar8>?
        var family: UnsafeMutablePointer<FcChar8>?
        var index: Int32 = 0
        _ = FcPatternGetString(pattern, FC_FILE, 0, &file)
        _ = FcPatternGetString(pattern, FC_FAMILY, 0, &family)
        _ = FcPatternGetInteger(pattern, FC_INDEX, 0, &index)
        let ref = FontRef(file: file.map { String(cString: $0) } ?? "",
                          faceIndex: Int(index),
                          family: family.map { String(cString: $0) } ?? "")
        g_object_ref(key)
        fontRefs[key] = ref
        return ref
    }
}
