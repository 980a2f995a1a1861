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
        let first = document.pages.first?.size ?? .a4
        guard document.pages.allSatisfy({ $0.size == first }) else {
            return try OutputFile.write(to: url) { scratch in
                try drawMixedSizes(document, path: scratch.path, displayName: url.path)
            }
        }
        var pages = document.pages[...]
        try render(pageSize: first, info: document.info, bookmarks: document.bookmarks,
                   destinations: Self.anchors(in: document.pages), to: url, next: { pages.popFirst() }, drawn: { _ in })
    }

    /// Renders pages of one size handed over one at a time, for a document drawn while its later pages are still
    /// being made: `next` gives them in order (nil after the last), `drawn` sees each once it is drawn (the renderer
    /// keeps no page after that). `destinations`: the anchors of all the pages, drawn or not (links to them are kept). The same
    /// file as `render(_:to:)` gives for the same pages.
    public func render(pageSize: Size, info: DocumentInfo, bookmarks: [Bookmark], destinations: Set<String>, to url: URL,
                       next: () throws -> Page?, drawn: (Page) -> Void) throws {
        try OutputFile.write(to: url) { scratch in
            let context = try CairoContext(.pdf(path: scratch.path, width: pageSize.width, height: pageSize.height,
                                                displayName: url.path), displayName: url.path)
            let surface = context.surface.pointer, cr = context.pointer
            writeMetadata(info, surface)
            let painter = try painter(cr, destinations: destinations)
            // Cairo 1.16 refers to a structure element for every link annotation but writes the structure tree
            // only when the document has structure tags: without an element around the pages, any link leaves a
            // dangling object reference and qpdf reports the file as damaged. One `Document` element spans all
            // pages (pages of several sizes get one `Sect` each: `drawMixedSizes`).
            cairo_tag_begin(cr, "Document", "")
            var index = 0
            while let page = try next() {
                // Cairo has the file open and part written here: the place where a failure must leave nothing.
                if index == 1 { try FailurePoint.check("cairo-page") }
                if index > 0 { cairo_show_page(cr) }
                try painter.draw(page)
                drawn(page)
                index += 1
            }
            cairo_tag_end(cr, "Document")
            cairo_show_page(cr)
            writeOutline(bookmarks.filter { destinations.contains($0.destination) }, surface)
            cairo_surface_finish(surface)
            try context.surface.check(file: url.path)
        }
    }

    /// The names of the anchors on `pages`.
    static func anchors(in pages: [Page]) -> Set<String> {
        Set(pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .anchor(let name, _) = item { return name }
                return nil
            }
        })
    }

    private func painter(_ cr: OpaquePointer, destinations: Set<String>) throws -> Painter {
        let painter = Painter(cr: cr, fonts: try CairoFonts(), writesPDFStructure: true, knownDestinations: destinations)
        painter.writesTags = tagged
        return painter
    }

    /// A document whose pages differ in size: cairo 1.16 asserts when the page size changes inside an open tag,
    /// so each page gets a `Sect` element of its own instead of one `Document` around them all.
    private func drawMixedSizes(_ document: LaidOutDocument, path: String, displayName: String) throws {
        let first = document.pages.first?.size ?? .a4
        let context = try CairoContext(.pdf(path: path, width: first.width, height: first.height, displayName: displayName),
                                       displayName: displayName)
        let surface = context.surface.pointer, cr = context.pointer
        writeMetadata(document.info, surface)
        let anchors = Self.anchors(in: document.pages)
        let painter = try painter(cr, destinations: anchors)
        for (index, page) in document.pages.enumerated() {
            if index == 1 { try FailurePoint.check("cairo-page") }
            cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
            cairo_tag_begin(cr, "Sect", "")
            try painter.draw(page)
            cairo_tag_end(cr, "Sect")
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
