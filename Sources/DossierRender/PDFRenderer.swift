import CCairo
import DossierFiles
import DossierFrames
import Foundation

/// Writes a laid-out document as a PDF: fonts embedded and subset by Cairo, text extractable through the
/// cluster maps, metadata, outline from the bookmarks, named destinations and internal links.
public struct PDFRenderer {
    /// Whether structure elements (paragraphs, headings, tables, figures) are written. Drafts leave them out:
    /// they make up most of a long dossier's objects.
    public var tagged: Bool
    public init(tagged: Bool = true) { self.tagged = tagged }

    /// Renders `document` to `url` (written to a temporary name, then renamed). The file is an intermediate: its
    /// page contents and ToUnicode maps are plain (`CairoPDFStreams`), compressed by `PDFFinisher.finish` or
    /// `PDFFinisher.compressStreams` in DossierArchive before anything is handed out.
    public func render(_ document: LaidOutDocument, to url: URL) throws {
        try OutputFile.write(to: url) { scratch in
            try draw(document, path: scratch.path, displayName: url.path)
        }
    }

    private func draw(_ document: LaidOutDocument, path: String, displayName: String) throws {
        let first = document.pages.first?.size ?? .a4
        let context = try CairoContext(.pdf(path: path, width: first.width, height: first.height, displayName: displayName),
                                       displayName: displayName)
        let surface = context.surface.pointer, cr = context.pointer
        writeMetadata(document.info, surface)
        let anchors = Set(document.pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .anchor(let name, _) = item { return name }
                return nil
            }
        })
        let painter = Painter(cr: cr, fonts: try CairoFonts(), writesPDFStructure: true, knownDestinations: anchors)
        painter.writesTags = tagged
        // Cairo 1.16 refers to a structure element for every link annotation but writes the structure tree
        // only when the document has structure tags: without an element around the pages, any link leaves a
        // dangling object reference and qpdf reports the file as damaged. One `Document` element spans all
        // pages; but cairo 1.16 asserts when the page size changes inside an open tag, so a document whose
        // pages differ in size gets one `Sect` element per page instead.
        let uniform = document.pages.allSatisfy { $0.size == first }
        if uniform { cairo_tag_begin(cr, "Document", "") }
        for (index, page) in document.pages.enumerated() {
            // Cairo has the file open and part written here: the place where a failure must leave nothing.
            if index == 1 { try FailurePoint.check("cairo-page") }
            if uniform {
                if index > 0 { cairo_show_page(cr) }
                try painter.draw(page)
            } else {
                cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
                cairo_tag_begin(cr, "Sect", "")
                try painter.draw(page)
                cairo_tag_end(cr, "Sect")
                cairo_show_page(cr)
            }
        }
        if uniform {
            cairo_tag_end(cr, "Document")
            cairo_show_page(cr)
        }
        writeOutline(document.bookmarks.filter { anchors.contains($0.destination) }, surface)
        cairo_surface_finish(surface)
        try context.surface.check(file: displayName)
    }

    private func writeMetadata(_ info: DocumentInfo, _ surface: OpaquePointer) {
        let fields: [(cairo_pdf_metadata_t, String)] = [
            (CAIRO_PDF_METADATA_TITLE, info.title), (CAIRO_PDF_METADATA_AUTHOR, info.author),
            (CAIRO_PDF_METADATA_SUBJECT, info.subject), (CAIRO_PDF_METADATA_KEYWORDS, info.keywords),
            (CAIRO_PDF_METADATA_CREATOR, info.creator),
            // A fixed date makes the output reproducible: the same input gives the same bytes.
            (CAIRO_PDF_METADATA_CREATE_DATE, info.creationDate), (CAIRO_PDF_METADATA_MOD_DATE, info.creationDate),
        ]
        for (key, value) in fields where !value.isEmpty { cairo_pdf_surface_set_metadata(surface, key, value) }
    }

    /// Nests outline entries by level: each entry hangs under the last entry of a lower level.
    private func writeOutline(_ bookmarks: [Bookmark], _ surface: OpaquePointer) {
        var parents: [(level: Int, id: Int32)] = []
        for mark in bookmarks {
            while let last = parents.last, last.level >= mark.level { parents.removeLast() }
            let parent = parents.last?.id ?? Int32(CAIRO_PDF_OUTLINE_ROOT)
            let escaped = mark.destination.replacingOccurrences(of: "'", with: "\\'")
            let id = cairo_pdf_surface_add_outline(surface, parent, mark.title, "dest='\(escaped)'",
                                                   cairo_pdf_outline_flags_t(0))
            parents.append((mark.level, id))
        }
    }
}
