import DossierContent
import DossierFrames

/// The page bodies of a document too long to keep all its boxes, made again block by block as its pages are made.
///
/// A long dossier's boxes (every line's glyph runs, every table row's cells) are most of its layout's memory: at
/// 10 000 projects, 750 MB held from the first pass to the drawing. Such a document is paginated with its boxes'
/// measures only (`VBox.measured`: heights, break rules, anchors); this stream then builds its boxes again, in
/// order and from the same blocks, as each page is made, and lets each block and box go once its page is made.
/// A block's boxes depend on the block, the body and the flow's state before it (keep-with-next, heading numbers),
/// so the pages are the ones the full boxes give, byte for byte; each page's boxes are checked against the heights it
/// was paginated with (an image file changed in between would show there), and a difference is an error, not a
/// page cut elsewhere.
final class BodyStream {
    private let engine: LayoutEngine
    private var blocks: [Block]
    private var builder: FlowBuilder
    private var cutter: PageCutter
    private let ranges: [Range<Int>]
    /// The sum of the heights of each page's boxes when it was paginated.
    private let heights: [Double]
    /// The next block to build.
    private var nextBlock = 0
    /// The index, in the whole document's boxes, of the builder's first box (those before are dropped).
    private var base = 0
    /// How many of the builder's boxes are placed already (dropped in batches: a table of 10 000 rows is one block,
    /// and dropping its placed rows at every page would move the rest each time).
    private var placed = 0

    /// `ranges`: each page's boxes (indices in the whole document's); `heights`: the sum of their heights.
    init(engine: LayoutEngine, blocks: [Block], body: Rect, direction: Direction, paginator: Paginator,
         ranges: [Range<Int>], heights: [Double]) {
        self.engine = engine
        self.blocks = blocks
        builder = FlowBuilder(engine: engine, body: body, direction: direction, keeping: .nothing)
        cutter = PageCutter(paginator: paginator)
        self.ranges = ranges
        self.heights = heights
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
        let local = (range.lowerBound - base)..<(range.upperBound - base)
        guard base + builder.boxes.count >= range.upperBound,
              builder.boxes[local].reduce(0, { $0 + $1.height }) == heights[index] else {
            throw LayoutError.rebuiltDifferently(page: index + 1)
        }
        let body = cutter.body(builder.boxes, local)
        placed = local.upperBound
        if placed == builder.boxes.count || placed >= 1024 {
            builder.dropBoxes(before: placed)
            base += placed
            placed = 0
        }
        // What was shaped for this page's boxes is not asked for again: the cache stays small.
        engine.shaper.trimCache()
        return body
    }
}
