import DossierContent
import DossierFrames
import DossierText
import Foundation

/// Lays a content tree out into pages of frames.
///
/// Two steps: the body is turned into a vertical list of boxes and cut into pages; then, with the page
/// count known, each page gets its header and footer (`{page}` and `{pages}` filled in). Nothing is shaped
/// twice: running texts are shaped once per distinct page number.
public final class LayoutEngine {
    let shaper: ParagraphShaper
    let paragraphs: ParagraphBoxes
    /// Boxes of paragraphs, tables and charts already laid out at this body width: a second pass over the
    /// same document (for its table of contents) rebuilds only what changed.
    var boxCache: [BoxKey: [VBox]] = [:]
    /// A second engine with a font world of its own, made for the first long document (`LayoutEngine+Helper`).
    var helper: LayoutEngine?

    /// A block and the body it is laid out in. Its hash is computed once, when the key is made: hashing a table or
    /// a chart walks every cell and value (40 000 instructions for a large table), and the dictionary hashed every
    /// key again each time it grew (a third of the cache's cost on a 100-project convention).
    struct BoxKey: Hashable {
        let block: Block
        let body: Rect
        private let hash: Int

        init(block: Block, body: Rect) {
            self.block = block
            self.body = body
            var hasher = Hasher()
            hasher.combine(block)
            hasher.combine(body)
            hash = hasher.finalize()
        }

        static func == (a: BoxKey, b: BoxKey) -> Bool { a.hash == b.hash && a.body == b.body && a.block == b.block }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    public init(shaper: ParagraphShaper) {
        self.shaper = shaper
        self.paragraphs = ParagraphBoxes(shaper: shaper)
    }

    /// Lays `document` out.
    /// - Throws: `LayoutError` naming the block that cannot be laid out.
    /// - Parameter keepingCache: keep the boxes for another pass over the same document (the table of
    ///   contents' first pass); the last pass lets them go as soon as they are placed on pages.
    public func layout(_ document: consuming Document, keepingCache: Bool = true) throws -> LaidOutDocument {
        let template = document.template
        let body = bodyRect(template, direction: document.direction)
        if boxCache.isEmpty { warmUp(document.blocks, body: body, direction: document.direction) }
        var builder = FlowBuilder(engine: self, body: body, direction: document.direction)
        for (index, block) in document.blocks.enumerated() {
            try builder.add(block, place: "block \(index + 1)")
        }
        let paginator = Paginator(bodyTop: body.y, bodyHeight: body.height)
        var boxes = builder.takeBoxes()
        if !keepingCache {
            // The last pass: the boxes are all made, so the cache (whose keys hold the blocks) and, when the caller
            // handed over its only copy, the content tree are let go before the pages are made.
            boxCache.removeAll()
            document.blocks = []
        }
        var bodies = try paginator.paginate(&boxes)
        warmUpRunning(template, document: document, pages: bodies.count, body: body)
        var pages: [Page] = []
        pages.reserveCapacity(bodies.count)
        for index in bodies.indices {
            let running = try runningItems(template, document: document, page: index + 1, of: bodies.count, body: body)
            let page = bodies[index]
            // Each body is let go once its page is made, so that bodies and pages do not both stay in memory.
            bodies[index] = Paginator.PageBody(content: [], decoration: [])
            pages.append(Page(size: Size(width: template.width, height: template.height),
                              items: PageArtifacts.first(running: running, decoration: page.decoration, content: page.content)))
        }
        let meta = document.metadata
        return LaidOutDocument(pages: pages, bookmarks: builder.bookmarks,
                               info: DocumentInfo(title: meta.title, author: meta.author, subject: meta.subject,
                                                  keywords: meta.keywords, creator: "Dossier",
                                                  creationDate: meta.creationDate, language: meta.language,
                                                  rightToLeft: document.direction == .rtl),
                               anchorTitles: builder.anchorTitles)
    }

    /// Where each anchor of `document` lands (1-based pages), without making the pages; the boxes are
    /// cached for the layout that follows.
    public func anchorPages(_ document: Document) throws -> [String: Int] {
        let body = bodyRect(document.template, direction: document.direction)
        if boxCache.isEmpty { warmUp(document.blocks, body: body, direction: document.direction) }
        var builder = FlowBuilder(engine: self, body: body, direction: document.direction)
        for (index, block) in document.blocks.enumerated() {
            try builder.add(block, place: "block \(index + 1)")
        }
        return try Paginator(bodyTop: body.y, bodyHeight: body.height).anchorPages(builder.takeBoxes())
    }

    /// The boxes of `block`, from the cache or made by `make`.
    func cachedBoxes(_ block: Block, body: Rect, _ make: () throws -> [VBox]) rethrows -> [VBox] {
        let key = BoxKey(block: block, body: body)
        if let known = boxCache[key] { return known }
        let boxes = try make()
        boxCache[key] = boxes
        return boxes
    }

    /// Forgets cached boxes and trims the shaped paragraphs (between documents, so memory does not grow with a
    /// batch; `ParagraphShaper.trimCache` keeps the texts the next dossier is likely to repeat).
    public func clearCaches() {
        boxCache.removeAll()
        shaper.trimCache()
    }

    /// The body area: the page less its margins, with start and end mirrored in RTL.
    func bodyRect(_ template: PageTemplate, direction: Direction) -> Rect {
        let m = template.margins
        let left = direction == .rtl ? m.end : m.start
        let right = direction == .rtl ? m.start : m.end
        return Rect(x: left, y: m.top, width: template.width - left - right,
                    height: template.height - m.top - m.bottom)
    }

    /// Header and footer of one page, drawn inside the top and bottom margins (an artifact: `PageArtifacts`).
    private func runningItems(_ template: PageTemplate, document: Document, page: Int, of total: Int,
                              body: Rect) throws -> [FrameItem] {
        var items: [FrameItem] = []
        let gap = 6.0
        if let header = template.header {
            let shaped = try paragraphs.shape(filled(header.paragraph, page: page, of: total, digits: document.digits),
                                              width: body.width, place: "page header")
            let top = body.y - gap - shaped.height
            items += shaped.lines.flatMap { ParagraphBoxes.items(of: $0, x: body.x, top: top + $0.top, link: nil) }
            if header.rule {
                items.append(.line(from: Point(x: body.x, y: body.y - gap / 2), to: Point(x: body.maxX, y: body.y - gap / 2),
                                   color: Color(red: 0.4, green: 0.4, blue: 0.4), width: 0.4))
            }
        }
        if let footer = template.footer {
            let shaped = try paragraphs.shape(filled(footer.paragraph, page: page, of: total, digits: document.digits),
                                              width: body.width, place: "page footer")
            let top = body.maxY + gap
            if footer.rule {
                items.append(.line(from: Point(x: body.x, y: body.maxY + gap / 2), to: Point(x: body.maxX, y: body.maxY + gap / 2),
                                   color: Color(red: 0.4, green: 0.4, blue: 0.4), width: 0.4))
            }
            items += shaped.lines.flatMap { ParagraphBoxes.items(of: $0, x: body.x, top: top + $0.top, link: nil) }
        }
        return items
    }

    /// The running text with `{page}` and `{pages}` replaced, in the document's digits.
    func filled(_ paragraph: Paragraph, page: Int, of total: Int, digits: DigitStyle) -> Paragraph {
        var copy = paragraph
        copy.runs = paragraph.runs.map { run in
            // Most runs hold no number; the standard library's replacing does not go through NSString.
            guard run.text.utf8.contains(UInt8(ascii: "{")) else { return run }
            var r = run
            r.text = run.text.replacing("{page}", with: digits.apply(String(page)))
                .replacing("{pages}", with: digits.apply(String(total)))
            return r
        }
        return copy
    }
}
