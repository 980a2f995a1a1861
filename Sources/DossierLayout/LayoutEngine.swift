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

    /// A block, the body it is laid out in, and whether its boxes or only their measures are kept (so that a pass
    /// keeping boxes never finds measures, which draw nothing). Its hash is computed once, when the key is made:
    /// hashing a table or a chart walks every cell and value (40 000 instructions for a large table), and the
    /// dictionary hashed every key again each time it grew (a third of the cache's cost on a 100-project convention).
    struct BoxKey: Hashable {
        let block: Block
        let body: Rect
        let measured: Bool
        private let hash: Int

        init(block: Block, body: Rect, measured: Bool) {
            self.block = block
            self.body = body
            self.measured = measured
            var hasher = Hasher()
            hasher.combine(block)
            hasher.combine(body)
            hasher.combine(measured)
            hash = hasher.finalize()
        }

        static func == (a: BoxKey, b: BoxKey) -> Bool {
            a.hash == b.hash && a.measured == b.measured && a.body == b.body && a.block == b.block
        }
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
        try pages(of: paginate(document, keepingCache: keepingCache))
    }

    /// Makes every page of `paginated` (paginated by this engine).
    public func pages(of paginated: PaginatedDocument) throws -> LaidOutDocument {
        // The running texts of a long document are shaped on two threads first; its pages are then made here. Not for
        // a streamed one, whose shaping cache is trimmed as its pages are made.
        if !paginated.streamsBodies {
            warmUpRunning(paginated.template, digits: paginated.digits, pages: paginated.pageCount, body: paginated.body)
        }
        var pages: [Page] = []
        pages.reserveCapacity(paginated.pageCount)
        while let page = try paginated.nextPage() { pages.append(page) }
        return paginated.document(pages: pages)
    }

    /// Lays `document` out into page bodies, without making the pages: `PaginatedDocument.nextPage()` makes
    /// them one at a time, so that a long document can be drawn while its later pages are made.
    public func paginate(_ document: consuming Document, keepingCache: Bool = true) throws -> PaginatedDocument {
        let template = document.template
        let body = bodyRect(template, direction: document.direction)
        let streamed = streams(document)
        var builder = try flow(document, body: body, streamed: streamed)
        let paginator = Paginator(bodyTop: body.y, bodyHeight: body.height)
        var boxes = builder.takeBoxes()
        var blocks: [Block] = []
        if streamed { swap(&blocks, &document.blocks) }
        if !keepingCache {
            // The last pass: the boxes are all made, so the cache (whose keys hold the blocks) and, when the caller
            // handed over its only copy, the content tree are let go before the pages are made (but for a streamed
            // document, whose blocks go to its `BodyStream`, let go one by one as their pages are made).
            boxCache.removeAll()
            document.blocks = []
            // The boxes hold what they need of the shaped paragraphs; a long document's (more than the shaper keeps
            // between documents) are let go now rather than after the drawing.
            shaper.trimCache()
        }
        let meta = document.metadata
        let info = DocumentInfo(title: meta.title, author: meta.author, subject: meta.subject, keywords: meta.keywords,
                                creator: "Dossier", creationDate: meta.creationDate, language: meta.language,
                                rightToLeft: document.direction == .rtl)
        let ranges = try paginator.pageRanges(boxes)
        let anchors = Paginator.anchorPages(boxes, ranges: ranges)
        let bodies: PaginatedDocument.Bodies
        if streamed {
            bodies = .streamed(BodyStream(engine: self, blocks: blocks, body: body, direction: document.direction,
                                          paginator: paginator, ranges: ranges,
                                          heights: ranges.map { page in boxes[page].reduce(0) { $0 + $1.height } }))
        } else {
            bodies = .made(paginator.paginate(&boxes, ranges: ranges))
        }
        return PaginatedDocument(engine: self, template: template, digits: document.digits, body: body, bodies: bodies,
                                 pageCount: ranges.count, anchorPages: anchors, bookmarks: builder.bookmarks, info: info,
                                 anchorTitles: builder.anchorTitles)
    }

    /// Where each anchor of `document` lands (1-based pages), without making the pages; the boxes are
    /// cached for the layout that follows (but for a document too long to keep them, `boxesStreamedFrom`).
    public func anchorPages(_ document: Document) throws -> [String: Int] {
        let body = bodyRect(document.template, direction: document.direction)
        var builder = try flow(document, body: body, streamed: streams(document))
        return try Paginator(bodyTop: body.y, bodyHeight: body.height).anchorPages(builder.takeBoxes())
    }

    /// From this many blocks a document keeps only its boxes' measures until its pages are made (`BodyStream`):
    /// a 1000-project convention (14 000 blocks) keeps its boxes, a 3000-project one (42 000) streams them.
    public var boxesStreamedFrom = 40_000

    private func streams(_ document: Document) -> Bool { document.blocks.count >= boxesStreamedFrom }

    /// The boxes of `document`'s body, block by block (only their measures when `streamed`).
    private func flow(_ document: Document, body: Rect, streamed: Bool) throws -> FlowBuilder {
        let keeping: BoxKeeping = streamed ? .measures : .boxes
        if boxCache.isEmpty { warmUp(document.blocks, body: body, direction: document.direction, keeping: keeping) }
        var builder = FlowBuilder(engine: self, body: body, direction: document.direction, keeping: keeping)
        for (index, block) in document.blocks.enumerated() {
            let start = builder.boxes.count
            try builder.add(block, place: "block \(index + 1)")
            if streamed {
                builder.measure(from: start)
                // The cache keeps the measures: the paragraphs shaped for them are not kept (the shaping cache is
                // emptied each time it holds more than it keeps between documents).
                shaper.trimCache()
            }
        }
        return builder
    }

    /// The boxes of `block`, from the cache or made by `make` and cached (or only their measures, or not at all).
    func cachedBoxes(_ block: Block, body: Rect, keeping: BoxKeeping, _ make: () throws -> [VBox]) rethrows -> [VBox] {
        if keeping == .nothing { return try make() }
        let key = BoxKey(block: block, body: body, measured: keeping == .measures)
        if let known = boxCache[key] { return known }
        let boxes = keeping == .measures ? try make().map(\.measured) : try make()
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
    func runningItems(_ template: PageTemplate, digits: DigitStyle, page: Int, of total: Int,
                      body: Rect) throws -> [FrameItem] {
        var items: [FrameItem] = []
        let gap = 6.0
        if let header = template.header {
            let shaped = try paragraphs.shape(filled(header.paragraph, page: page, of: total, digits: digits),
                                              width: body.width, place: "page header")
            let top = body.y - gap - shaped.height
            items += shaped.lines.flatMap { ParagraphBoxes.items(of: $0, x: body.x, top: top + $0.top, link: nil) }
            if header.rule {
                items.append(.line(from: Point(x: body.x, y: body.y - gap / 2), to: Point(x: body.maxX, y: body.y - gap / 2),
                                   color: Color(red: 0.4, green: 0.4, blue: 0.4), width: 0.4))
            }
        }
        if let footer = template.footer {
            let shaped = try paragraphs.shape(filled(footer.paragraph, page: page, of: total, digits: digits),
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
