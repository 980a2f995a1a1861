import DossierContent
import DossierFrames

/// The page bodies of a document too long to keep all its boxes, made again block by block as its pages are made.
///
/// A long dossier's boxes (every line's glyph runs, every table row's cells) are most of its layout's memory: at
/// 10 000 projects, 750 MB held from the first pass to the drawing. Such a document is paginated with its boxes'
/// measures only (`VBox.measured`: heights, break rules, anchors); this stream then builds its boxes again, in
/// order and from the same blocks, as each page is made, and lets each block and box go once its page is made.
/// Building a block's boxes is a pure function of the block, the body and the boxes built before it (the flow's
/// keep-with-next and heading numbers), so the pages are the ones the full boxes give, byte for byte.
final class BodyStream {
    private let engine: LayoutEngine
    private var blocks: [Block]
    private var builder: FlowBuilder
    private var cutter: PageCutter
    private let ranges: [Range<Int>]
    /// The next block to build.
    private var nextBlock = 0
    /// The index, in the whole document's boxes, of the builder's first box (those before are dropped).
    private var base = 0

    init(engine: LayoutEngine, blocks: [Block], body: Rect, direction: Direction, paginator: Paginator,
         ranges: [Range<Int>]) {
        self.engine = engine
        self.blocks = blocks
        builder = FlowBuilder(engine: engine, body: body, direction: direction, keeping: .nothing)
        cutter = PageCutter(paginator: paginator)
        self.ranges = ranges
    }

    /// The body of page `index` (0-based); pages are asked for in order.
    /// - Throws: `LayoutError` as building the boxes the first time did.
    func body(page index: Int) throws -> Paginator.PageBody {
        let range = ranges[index]
        while base + builder.boxes.count < range.upperBound, nextBlock < blocks.count {
            try builder.add(blocks[nextBlock], place: "block \(nextBlock + 1)")
            blocks[nextBlock] = .spacer(0)  // its boxes are built: the block goes
            nextBlock += 1
        }
        guard base + builder.boxes.count >= range.upperBound else {
            // Not for the blocks that were measured: the same blocks give the same boxes.
            throw LayoutError.rebuiltDifferently(page: index + 1)
        }
        let local = (range.lowerBound - base)..<(range.upperBound - base)
        let body = local.isEmpty ? Paginator.PageBody(content: [], decoration: []) : cutter.body(builder.boxes, local)
        builder.dropBoxes(before: local.upperBound)
        base = range.upperBound
        // What was shaped for this page's boxes is not asked for again: the cache stays small.
        engine.shaper.trimCache()
        return body
    }
}
