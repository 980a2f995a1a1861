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
        Self.skipReverseCharacterMapWalk(face, options: options)
        return face
    }

    /// Deselects the FreeType face's character map, so that Cairo's last-resort reverse lookup of a glyph's
    /// character returns at once instead of walking the whole map.
    ///
    /// Why: for every glyph Cairo adds to a PDF font subset it looks up the glyph's character, first in the font's
    /// own `cmap` table (format 4), then, when the glyph is in none, by `FT_Get_Next_Char` over every character
    /// of the selected map. Arabic contextual forms and ligatures are in no map, so each one cost a walk of about
    /// 1500 characters, once per document: 29.5M of a project dossier's 150M instructions. The walk can only find
    /// what the format 4 table already gave (or a character beyond U+FFFF that no dossier draws from these fonts),
    /// so the files stay the same bytes. Nothing else reads this map: shaping uses HarfBuzz's own view of the
    /// font and Cairo draws glyphs by id. Cairo shares one FreeType face per font file and keeps it open; should
    /// it close and reopen one, the map comes back and only the time is lost.
    private static func skipReverseCharacterMapWalk(_ face: OpaquePointer, options: OpaquePointer) {
        var identity = cairo_matrix_t()
        cairo_matrix_init_identity(&identity)
        guard let scaled = cairo_scaled_font_create(face, &identity, &identity, options) else { return }
        defer { cairo_scaled_font_destroy(scaled) }
        guard cairo_scaled_font_status(scaled) == CAIRO_STATUS_SUCCESS,
              let ftFace = cairo_ft_scaled_font_lock_face(scaled) else { return }
        ftFace.pointee.charmap = nil
        cairo_ft_scaled_font_unlock_face(scaled)
    }
}
