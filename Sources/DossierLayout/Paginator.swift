import DossierFrames

/// Cuts a vertical list of boxes into pages of a given body height.
///
/// Greedy, one pass: boxes fill a page until one does not fit; the page then ends at the last break the
/// rules allow (widows, orphans, keep-with-next, keep-together), or, when the rules allow none since the
/// page began, just before the box that does not fit. A single box taller than the body is an error.
struct Paginator {
    let bodyTop: Double
    let bodyHeight: Double

    /// The body of one page: its content and its decoration (absolute positions).
    struct PageBody {
        var content: [FrameItem]
        var decoration: [FrameItem]
    }

    /// Returns the body of each page. Structure elements cut by a page break are closed at the bottom of the
    /// page and opened again at the top of the next, so every page is balanced.
    /// Placed boxes are emptied as pages are made, so that boxes and pages do not both stay in memory.
    func paginate(_ boxes: inout [VBox]) throws -> [PageBody] {
        var pages: [PageBody] = []
        var start = 0
        var open: [TagEvent] = []
        while start < boxes.count {
            let end = try pageEnd(boxes, from: start)
            var body = place(boxes, start..<end)
            body.content = open.map(FrameItem.tag) + body.content
            open = Self.openElements(after: body.content)
            body.content += open.reversed().map { .tag($0.closing) }
            pages.append(body)
            for index in start..<end { boxes[index].items = []; boxes[index].decoration = [] }
            start = end
        }
        return pages.isEmpty ? [PageBody(content: [], decoration: [])] : pages
    }

    /// The page (1-based) each anchor falls on, without making the pages: what a table of contents needs
    /// from a first pass.
    func anchorPages(_ boxes: [VBox]) throws -> [String: Int] {
        var pages: [String: Int] = [:]
        var start = 0
        var page = 1
        while start < boxes.count {
            let end = try pageEnd(boxes, from: start)
            for box in boxes[start..<end] {
                for case .anchor(let name, _) in box.items where pages[name] == nil { pages[name] = page }
            }
            start = end
            page += 1
        }
        return pages
    }

    /// The elements still open at the end of `items`, outermost first.
    static func openElements(after items: [FrameItem]) -> [TagEvent] {
        var stack: [TagEvent] = []
        for case .tag(let event) in items {
            if event.opens { stack.append(event) } else if !stack.isEmpty { stack.removeLast() }
        }
        return stack
    }

    /// Index of the first box of the next page.
    private func pageEnd(_ boxes: [VBox], from start: Int) throws -> Int {
        var used = headerHeight(boxes, at: start)
        var lastBreak: Int? = nil
        var index = start
        while index < boxes.count {
            let box = boxes[index]
            if index > start {
                if box.breakBefore == .forced { return index }
                if box.breakBefore == .allowed { lastBreak = index }
            }
            let skipped = index == start && box.discardable
            if !skipped && used + box.height > bodyHeight + 0.01 {
                if box.height > bodyHeight - headerHeight(boxes, at: index) + 0.01 {
                    throw LayoutError.tooLarge(place: box.place, what: box.what, height: box.height,
                                               available: bodyHeight - headerHeight(boxes, at: index))
                }
                if let lastBreak, lastBreak > start { return lastBreak }
                return max(index, start + 1)
            }
            if !skipped { used += box.height }
            index += 1
        }
        return boxes.count
    }

    private func headerHeight(_ boxes: [VBox], at index: Int) -> Double {
        boxes[index].repeatedHeader?.reduce(0) { $0 + $1.height } ?? 0
    }

    /// Positions the boxes of one page, dropping discardable space at its top.
    private func place(_ boxes: [VBox], _ range: Range<Int>) -> PageBody {
        var body = PageBody(content: [], decoration: [])
        var y = bodyTop
        var first = range.lowerBound
        while first < range.upperBound, boxes[first].discardable { first += 1 }
        for box in (boxes[range.lowerBound].repeatedHeader ?? []) + boxes[first..<range.upperBound] {
            body.content += box.items.map { $0.offsetBy(dx: 0, dy: y) }
            body.decoration += box.decoration.map { $0.offsetBy(dx: 0, dy: y) }
            y += box.height
        }
        return body
    }
}
