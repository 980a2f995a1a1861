import CCairo
import DossierFrames

/// Cairo font faces opened straight from the font files the text stage chose, one per file and face.
/// Opening by file (never by family name) guarantees the glyph ids mean the same glyphs.
final class CairoFonts {
    private var faces: [FontRef: OpaquePointer] = [:]
    let options: OpaquePointer

    init() throws {
        guard let created = cairo_font_options_create() else { throw RenderError.cairo(status: "out of memory", file: "font options") }
        let status = cairo_font_options_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_options_destroy(created)
            throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: "font options")
        }
        options = created
        // Unhinted, as the text stage measured: PDF and PNG show the same positions.
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    }

    deinit {
        for face in faces.values { cairo_font_face_destroy(face) }
        cairo_font_options_destroy(options)
    }

    /// The face of `font`'s file, opened once; throws when Cairo cannot make it (checked at birth, so a
    /// failure names the file instead of drawing nothing).
    func face(for font: FontRef) throws -> OpaquePointer {
        if let face = faces[font] { return face }
        guard let pattern = FcPatternCreate() else { throw RenderError.io(file: font.file, reason: "out of memory opening the font") }
        defer { FcPatternDestroy(pattern) }
        _ = FcPatternAddString(pattern, FC_FILE, font.file)
        _ = FcPatternAddInteger(pattern, FC_INDEX, Int32(font.faceIndex))
        guard let face = cairo_ft_font_face_create_for_pattern(pattern) else {
            throw RenderError.io(file: font.file, reason: "Cairo could not open the font")
        }
        let status = cairo_font_face_status(face)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_font_face_destroy(face)
            throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: font.file)
        }
        faces[font] = face
        return face
    }
}
