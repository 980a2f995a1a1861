import CCairo
import DossierFrames
import Foundation

/// Draws frame items on a Cairo context. Shared by the PDF and PNG backends so both show the same page.
final class Painter {
    let cr: OpaquePointer
    let fonts: CairoFonts
    /// Whether to write PDF structure (links, destinations); off for PNG.
    let writesPDFStructure: Bool
    /// Destinations that exist in the document: links to anything else are dropped.
    let knownDestinations: Set<String>
    /// Whether structure tags are written (PDF only).
    var writesTags = true
    private var images: [String: CairoSurface] = [:]
    /// The font and size currently set on the context, so runs in the same font do not set it again.
    private var currentFont: FontRef?
    private var currentSize = 0.0
    /// For each link open, whether it was written (links to unknown destinations are not).
    private var openLinks: [Bool] = []

    init(cr: OpaquePointer, fonts: CairoFonts, writesPDFStructure: Bool, knownDestinations: Set<String>) {
        self.cr = cr; self.fonts = fonts; self.writesPDFStructure = writesPDFStructure
        self.knownDestinations = knownDestinations
        cairo_set_font_options(cr, fonts.options)
    }

    /// Draws a page; throws when a font file or an image cannot be opened.
    func draw(_ page: Page) throws {
        for item in page.items { try draw(item) }
    }

    private func draw(_ item: FrameItem) throws {
        switch item {
        case .text(let run): try drawText(run)
        case .rect(let rect, let paint):
            cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
            paintPath(paint)
        case .line(let a, let b, let color, let width):
            cairo_move_to(cr, a.x, a.y); cairo_line_to(cr, b.x, b.y)
            setColor(color); cairo_set_line_width(cr, width); cairo_stroke(cr)
        case .path(let elements, let paint):
            trace(elements)
            paintPath(paint)
        case .image(let file, let rect): try drawImage(file, rect)
        case .anchor(let name, let point):
            guard writesPDFStructure else { return }
            cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='\(quoted(name))' x=\(point.x) y=\(point.y)")
            cairo_tag_end(cr, CAIRO_TAG_DEST)
        case .tag(let event):
            guard writesPDFStructure else { return }
            write(event)
        case .signatureField:
            break  // added by the finishing step (DossierArchive): Cairo 1.16 writes no form fields
        }
    }

    /// Structure elements and artifacts as Cairo tags. Cairo marks the content of an element only when no other
    /// element opens inside it, so a link is an element of its own around its text, and each artifact a stand-in
    /// element (`ArtifactKind.standInRole`) the finishing step turns into an artifact.
    private func write(_ event: TagEvent) {
        switch event {
        case .begin(let role, _, _):
            assert(![ArtifactKind.pagination.standInRole, ArtifactKind.layout.standInRole].contains(role),
                   "\(role) is reserved for artifacts")
            if writesTags { cairo_tag_begin(cr, role, "") }
        case .end(let role):
            if writesTags { cairo_tag_end(cr, role) }
        case .beginLink(let target, let area):
            // Links are written in drafts too: they are annotations, not only structure.
            let opened = linkAttributes(target, area)
            openLinks.append(opened != nil)
            if let opened { cairo_tag_begin(cr, CAIRO_TAG_LINK, opened) }
        case .endLink:
            if openLinks.popLast() == true { cairo_tag_end(cr, CAIRO_TAG_LINK) }
        case .beginArtifact(let kind):
            if writesTags { cairo_tag_begin(cr, kind.standInRole, "") }
        case .endArtifact(let kind):
            if writesTags { cairo_tag_end(cr, kind.standInRole) }
        }
    }

    /// Cairo's attributes for a link, or nil for a link to a destination the document does not have.
    private func linkAttributes(_ target: LinkTarget, _ area: Rect) -> String? {
        let rect = "rect=[\(area.x) \(area.y) \(area.width) \(area.height)]"
        switch target {
        case .destination(let name):
            return knownDestinations.contains(name) ? "dest='\(quoted(name))' \(rect)" : nil
        case .uri(let uri):
            return "uri='\(quoted(uri))' \(rect)"
        }
    }

    /// Draws shaped glyphs with their text and cluster map in glyph order (`VisualText`), so that viewers
    /// read the text back in logical order. Glyph and cluster arrays are built in temporary (stack)
    /// storage: this runs once per run of text.
    private func drawText(_ run: GlyphRun) throws {
        let shaped = run.shaped
        if currentFont != shaped.font || currentSize != shaped.size {
            cairo_set_font_face(cr, try fonts.face(for: shaped.font))
            cairo_set_font_size(cr, shaped.size)
            currentFont = shaped.font
            currentSize = shaped.size
        }
        setColor(shaped.color)
        let visual = shaped.visualText()
        let glyphCount = shaped.glyphs.count, clusterCount = visual.clusters.count
        withUnsafeTemporaryAllocation(of: cairo_glyph_t.self, capacity: glyphCount) { glyphs in
            for (index, glyph) in shaped.glyphs.enumerated() {
                glyphs[index] = cairo_glyph_t(index: UInt(glyph.id), x: run.origin.x + glyph.x, y: run.origin.y + glyph.y)
            }
            withUnsafeTemporaryAllocation(of: cairo_text_cluster_t.self, capacity: clusterCount) { clusters in
                for (index, cluster) in visual.clusters.enumerated() {
                    clusters[index] = cairo_text_cluster_t(num_bytes: Int32(cluster.byteCount), num_glyphs: Int32(cluster.glyphCount))
                }
                visual.bytes.withUnsafeBufferPointer { bytes in
                    bytes.withMemoryRebound(to: CChar.self) { chars in
                        cairo_show_text_glyphs(cr, chars.baseAddress, Int32(chars.count), glyphs.baseAddress, Int32(glyphCount),
                                               clusters.baseAddress, Int32(clusterCount), cairo_text_cluster_flags_t(0))
                    }
                }
            }
        }
    }

    private func trace(_ elements: [PathElement]) {
        cairo_new_path(cr)
        for element in elements {
            switch element {
            case .move(let p): cairo_move_to(cr, p.x, p.y)
            case .line(let p): cairo_line_to(cr, p.x, p.y)
            case .arc(let c, let r, let start, let end):
                if end >= start { cairo_arc(cr, c.x, c.y, r, start, end) } else { cairo_arc_negative(cr, c.x, c.y, r, start, end) }
            case .close: cairo_close_path(cr)
            }
        }
    }

    /// Fills, hatches and strokes the current path.
    private func paintPath(_ paint: Paint) {
        if let fill = paint.fill {
            setColor(fill)
            cairo_fill_preserve(cr)
        }
        if let hatch = paint.hatch { drawHatch(hatch) }
        if let stroke = paint.stroke {
            setColor(stroke)
            cairo_set_line_width(cr, paint.lineWidth)
            cairo_stroke_preserve(cr)
        }
        cairo_new_path(cr)
    }

    /// Parallel lines clipped to the current path.
    private func drawHatch(_ hatch: Hatch) {
        var x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0
        cairo_path_extents(cr, &x1, &y1, &x2, &y2)
        cairo_save(cr)
        cairo_clip_preserve(cr)
        cairo_new_path(cr)
        let size = max(x2 - x1, y2 - y1)
        var offset = -size
        while offset <= size * 2 {
            switch hatch.direction {
            case .rising: cairo_move_to(cr, x1 + offset, y2); cairo_line_to(cr, x1 + offset + size, y2 - size)
            case .falling: cairo_move_to(cr, x1 + offset, y1); cairo_line_to(cr, x1 + offset + size, y1 + size)
            case .horizontal: cairo_move_to(cr, x1, y1 + offset); cairo_line_to(cr, x2, y1 + offset)
            case .vertical: cairo_move_to(cr, x1 + offset, y1); cairo_line_to(cr, x1 + offset, y2)
            case .cross:
                cairo_move_to(cr, x1 + offset, y2); cairo_line_to(cr, x1 + offset + size, y2 - size)
                cairo_move_to(cr, x1 + offset, y1); cairo_line_to(cr, x1 + offset + size, y1 + size)
            }
            offset += hatch.spacing
        }
        setColor(hatch.color)
        cairo_set_line_width(cr, 0.5)
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// Layout checked that the image decodes (`PNGCheck`); a file changed since then is an error, not a blank.
    private func drawImage(_ file: String, _ rect: Rect) throws {
        let owner: CairoSurface
        if let cached = images[file] { owner = cached } else {
            owner = try CairoSurface.png(file)
            images[file] = owner
        }
        let image = owner.pointer
        let width = Double(cairo_image_surface_get_width(image)), height = Double(cairo_image_surface_get_height(image))
        guard width > 0, height > 0 else { return }
        cairo_save(cr)
        cairo_translate(cr, rect.x, rect.y)
        cairo_scale(cr, rect.width / width, rect.height / height)
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_paint(cr)
        cairo_restore(cr)
    }

    private func setColor(_ color: Color) {
        cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
    }

    /// Escapes a value for Cairo's tag attribute syntax.
    private func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
