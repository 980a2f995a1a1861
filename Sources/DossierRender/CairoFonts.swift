import CCairo
import DossierFrames

/// Cairo font faces opened straight from the font files the text stage chose, one per file and face.
/// Opening by file (never by family name) guarantees the glyph ids mean the same glyphs.
final class CairoFonts {
    private var faces: [FontRef: OpaquePointer] = [:]
    let options: OpaquePointer

    init() {
        options = cairo_font_options_create()
        // Unhinted, as the text stage measured: PDF and PNG show the same positions.
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    }

    deinit {
        for face in faces.values { cairo_font_face_destroy(face) }
        cairo_font_options_destroy(options)
    }

    func face(for font: FontRef) -> OpaquePointer {
        if let face = faces[font] { return face }
        let pattern = FcPatternCreate()
        _ = FcPatternAddString(pattern, FC_FILE, font.file)
        _ = FcPatternAddInteger(pattern, FC_INDEX, Int32(font.faceIndex))
        let face = cairo_ft_font_face_create_for_pattern(pattern)!
        FcPatternDestroy(pattern)
        faces[font] = face
        return face
    }
}
