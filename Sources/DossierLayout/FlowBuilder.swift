import DossierCharts
import DossierContent
import DossierFrames
import DossierText
import Foundation

/// Builds the vertical list of boxes for a document body, block by block.
struct FlowBuilder {
    let engine: LayoutEngine
    let body: Rect
    let direction: Direction
    /// What of the boxes of paragraphs, tables and charts goes into the engine's cache for a later pass.
    let keeping: BoxKeeping
    private(set) var boxes: [VBox] = []
    private(set) var bookmarks: [Bookmark] = []
    /// The text of every heading by its anchor.
    private(set) var anchorTitles: [String: String] = [:]
    /// Set after a heading: the next content box may not start a page.
    private var keepWithNext = false
    private var headingCount = 0

    init(engine: LayoutEngine, body: Rect, direction: Direction, keeping: BoxKeeping = .boxes) {
        self.engine = engine; self.body = body; self.direction = direction; self.keeping = keeping
    }

    /// Keeps only the measures (`VBox.measured`) of the boxes from `start` on: a block's boxes are final once the
    /// block is added (keep-with-next and keep-together change only the boxes of the block being added).
    mutating func measure(from start: Int) {
        for index in start..<boxes.count { boxes[index] = boxes[index].measured }
    }

    /// Drops the first `count` boxes (placed on pages already).
    mutating func dropBoxes(before count: Int) {
        boxes.removeFirst(count)
    }

    /// Hands the boxes over (leaving none here), so that the paginator owns the only copy.
    mutating func takeBoxes() -> [VBox] {
        defer { boxes = [] }
        return boxes
    }

    mutating func add(_ block: Block, place: String) throws {
        switch block {
        case .paragraph(let paragraph):
            append(try engine.cachedBoxes(block, body: body, keeping: keeping) {
                try engine.paragraphs.boxes(for: paragraph, x: body.x, width: body.width,
                                            place: label(place, paragraph.source), what: "paragraph")
            })
        case .heading(let heading):
            try addHeading(heading, place: label(place, heading.paragraph.source))
        case .table(let table):
            append(try engine.cachedBoxes(block, body: body, keeping: keeping) {
                try TableBoxes(paragraphs: engine.paragraphs)
                    .boxes(for: table, x: body.x, width: body.width, place: label(place, table.source))
            })
        case .chart(let chart):
            append(try engine.cachedBoxes(block, body: body, keeping: keeping) {
                try chartBoxes(chart, place: label(place, chart.source))
            })
        case .image(let image):
            append([try imageBox(image, place: label(place, image.source))])
        case .spacer(let height):
            append([.space(height, place: place)])
        case .rule(let rule):
            append([ruleBox(rule, place: place)])
        case .pageBreak:
            boxes.append(VBox(height: 0, items: [], breakBefore: .forced, discardable: true, place: place, what: "page break"))
            keepWithNext = false
        case .keepTogether(let children):
            let start = boxes.count
            for (index, child) in children.enumerated() { try add(child, place: "\(place).\(index + 1)") }
            let total = boxes[start...].reduce(0) { $0 + $1.height }
            // A group taller than a page cannot stay together: it then flows normally.
            if total <= body.height, boxes.count > start + 1 {
                for index in (start + 1)..<boxes.count where boxes[index].breakBefore == .allowed {
                    boxes[index].breakBefore = .forbidden
                }
            }
        case .anchor(let name):
            boxes.append(VBox(height: 0, items: [.anchor(name: name, at: Point(x: body.maxX, y: 0))],
                              breakBefore: keepWithNext ? .forbidden : .allowed, place: place, what: "anchor"))
        }
    }

    private func label(_ place: String, _ source: String?) -> String {
        source.map { "\(place) (\($0))" } ?? place
    }

    /// Appends boxes; right after a heading, the first content box may not start a new page.
    private mutating func append(_ new: [VBox]) {
        var new = new
        if keepWithNext {
            for index in new.indices {
                if new[index].breakBefore == .allowed { new[index].breakBefore = .forbidden }
                if !new[index].discardable { break }
            }
            keepWithNext = false
        }
        boxes += new
    }

    private mutating func addHeading(_ heading: Heading, place: String) throws {
        headingCount += 1
        let anchor = heading.anchor ?? "heading-\(headingCount)"
        var lines = try engine.paragraphs.boxes(for: heading.paragraph, x: body.x, width: body.width,
                                                place: place, what: "heading", role: "H\(min(max(heading.level, 1), 6))")
        // A heading never splits across pages.
        for index in lines.indices.dropFirst() where lines[index].breakBefore == .allowed {
            lines[index].breakBefore = .forbidden
        }
        if let first = lines.firstIndex(where: { !$0.discardable }) {
            let anchorX = direction == .rtl ? body.maxX : body.x
            lines[first].items.insert(.anchor(name: anchor, at: Point(x: anchorX, y: 0)), at: 0)
        }
        append(lines)
        keepWithNext = true
        anchorTitles[anchor] = heading.paragraph.plainText
        if heading.bookmarked {
            bookmarks.append(Bookmark(title: heading.paragraph.plainText, level: heading.level, destination: anchor))
        }
    }

    /// A chart as boxes: its header (title, legend, axis) kept with the first category and repeated above
    /// the categories carried to a new page.
    private func chartBoxes(_ chart: ChartBlock, place: String) throws -> [VBox] {
        let rendered: RenderedChart
        do {
            rendered = try ChartRenderer(shaper: engine.shaper).render(chart, width: body.width, place: place)
        } catch let error as TextError {
            throw LayoutError.text(error)
        } catch let error as ChartError {
            throw LayoutError.badChart(place: place, reason: error.description)
        }
        let header = VBox(height: rendered.header.height, items: rendered.header.items.map { $0.offsetBy(dx: body.x, dy: 0) },
                          breakBefore: .forbidden, place: place, what: "chart header")
        // The chart is one figure, with its data described in words for readers who cannot see it.
        var boxes = [VBox.marker(.begin(role: "Figure", alt: chart.altText ?? chart.title ?? "مبيان"), place: place), header]
        for (index, row) in rendered.rows.enumerated() {
            var box = VBox(height: row.height, items: row.items.map { $0.offsetBy(dx: body.x, dy: 0) },
                           breakBefore: index == 0 ? .forbidden : .allowed, place: place, what: "chart row \(index + 1)")
            box.repeatedHeader = [header]
            boxes.append(box)
        }
        boxes.append(.marker(.end(role: "Figure"), place: place, breakBefore: .forbidden))
        boxes.append(.space(rendered.spaceAfter, place: place, breakBefore: .forbidden))
        return boxes
    }

    private func ruleBox(_ rule: RuleBlock, place: String) -> VBox {
        let y = rule.spaceAround + rule.thickness / 2
        let line = FrameItem.line(from: Point(x: body.x, y: y), to: Point(x: body.maxX, y: y),
                                  color: Color(hex: rule.color) ?? .black, width: rule.thickness)
        return VBox(height: rule.spaceAround * 2 + rule.thickness, items: [], decoration: [line],
                    breakBefore: .allowed, place: place, what: "rule")
    }

    private func imageBox(_ image: ImageBlock, place: String) throws -> VBox {
        let size: (width: Double, height: Double)
        do { size = try PNGCheck.size(image.file) } catch let error as PNGCheck.Failure {
            throw LayoutError.badImage(place: place, file: image.file, reason: error.reason)
        }
        let width = min(image.width ?? size.width, body.width)
        let height = width * size.height / max(size.width, 1)
        let x: Double
        switch (image.align, direction) {
        case (.center, _), (.justify, _): x = body.x + (body.width - width) / 2
        case (.start, .rtl), (.end, .ltr): x = body.maxX - width
        case (.start, .ltr), (.end, .rtl): x = body.x
        }
        let figure: [FrameItem] = [.tag(.begin(role: "Figure", alt: image.alt ?? (image.file as NSString).lastPathComponent)),
                                   .image(file: image.file, rect: Rect(x: x, y: 0, width: width, height: height)),
                                   .tag(.end(role: "Figure"))]
        return VBox(height: height, items: figure, breakBefore: .allowed, place: place, what: "image")
    }
}
