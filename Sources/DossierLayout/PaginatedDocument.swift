import DossierContent
import DossierFrames
import Foundation

/// A document cut into page bodies whose pages are not made yet (`LayoutEngine.paginate`).
///
/// `nextPage()` makes the pages in order: each gets its running header and footer, shaped with the engine's fonts,
/// so it must be called on one thread at a time with nothing else using the engine meanwhile. A long document is
/// drawn while its later pages are still made (`FinishedPDF` in DossierKit): each page's running texts differ by
/// its number, so making them is about a fifth of the drawing's time, which no longer waits for it. Each body is
/// let go once its page is made.
public final class PaginatedDocument {
    /// How many pages the document has.
    public let pageCount: Int
    /// The size of every page (one template per document).
    public let pageSize: Size
    /// The outline entries, as `LaidOutDocument.bookmarks`.
    public let bookmarks: [Bookmark]
    /// The metadata, as `LaidOutDocument.info`.
    public let info: DocumentInfo
    /// The text of the heading at each anchor, as `LaidOutDocument.anchorTitles`.
    public let anchorTitles: [String: String]
    /// The page (1-based) each anchor lands on, the first when it is on several; read from the boxes, before any
    /// page is made.
    public let anchorPages: [String: Int]

    /// Whether the bodies are made as the pages are, the document's boxes built again block by block (`BodyStream`).
    public var streamsBodies: Bool { stream != nil }

    let engine: LayoutEngine
    let template: PageTemplate
    let digits: DigitStyle
    let body: Rect
    private var bodies: [Paginator.PageBody]
    private let stream: BodyStream?
    private var made = 0

    /// The page bodies: all made, or made as the pages are (a document too long to keep all its boxes).
    enum Bodies {
        case made([Paginator.PageBody])
        case streamed(BodyStream)
    }

    init(engine: LayoutEngine, template: PageTemplate, digits: DigitStyle, body: Rect, bodies: Bodies, pageCount: Int,
         anchorPages: [String: Int], bookmarks: [Bookmark], info: DocumentInfo, anchorTitles: [String: String]) {
        self.engine = engine
        self.template = template
        self.digits = digits
        self.body = body
        self.bookmarks = bookmarks
        self.info = info
        self.anchorTitles = anchorTitles
        self.pageCount = pageCount
        self.anchorPages = anchorPages
        pageSize = Size(width: template.width, height: template.height)
        switch bodies {
        case .made(let made):
            self.bodies = made
            stream = nil
        case .streamed(let stream):
            self.bodies = []
            self.stream = stream
        }
    }

    /// The next page, nil after the last.
    /// - Throws: `TextError` when a running text cannot be shaped.
    public func nextPage() throws -> Page? {
        guard made < pageCount else { return nil }
        let index = made
        made += 1
        let page: Paginator.PageBody
        if let stream {
            page = try stream.body(page: index)
        } else {
            page = bodies[index]
            // Each body is let go once its page is made, so that bodies and pages do not both stay in memory.
            bodies[index] = Paginator.PageBody(content: [], decoration: [])
        }
        let running = try engine.runningItems(template, digits: digits, page: index + 1, of: pageCount, body: body)
        return Page(size: pageSize, items: PageArtifacts.first(running: running, decoration: page.decoration, content: page.content))
    }

    /// The laid-out document with `pages` (this document's, made by `nextPage()`).
    public func document(pages: [Page]) -> LaidOutDocument {
        LaidOutDocument(pages: pages, bookmarks: bookmarks, info: info, anchorTitles: anchorTitles)
    }
}
