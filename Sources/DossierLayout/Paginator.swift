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

    /// Returns the body of each page of `ranges` (`pageRanges(boxes)`). Structure elements cut by a page break are
    /// closed at the bottom of the page and opened again at the top of the next, so every page is balanced.
    /// Placed boxes are emptied as pages are made, so that boxes and pages do not both stay in memory.
    func paginate(_ boxes: inout [VBox], ranges: [Range<Int>]) -> [PageBody] {
        var cutter = PageCutter(paginator: self)
        return ranges.map { range in
            defer { for index in range { boxes[index].items = []; boxes[index].decoration = [] } }
            return cutter.body(boxes, range)
        }
    }

    /// The boxes (indices) of each page, in order; one empty page when there are no boxes. Pagination reads only the
    /// boxes' heights and break rules, so a document's measured boxes (`VBox.measured`) give the same pages as its
    /// full ones.
    func pageRanges(_ boxes: [VBox]) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < boxes.count {
            let end = try pageEnd(boxes, from: start)
            ranges.append(start..<end)
            start = end
        }
        return ranges.isEmpty ? [0..<0] : ranges
    }

    /// The page (1-based) each anchor falls on, without making the pages: what a table of contents needs
    /// from a first pass.
    func anchorPages(_ boxes: [VBox]) throws -> [String: Int] {
        Self.anchorPages(boxes, ranges: try pageRanges(boxes))
    }

    /// The page (1-based) each anchor of `boxes` falls on, the pages being `ranges`.
    static func anchorPages(_ boxes: [VBox], ranges: [Range<Int>]) -> [String: Int] {
        var pages: [String: Int] = [:]
        for (index, range) in ranges.enumerated() {
            for box in boxes[range] {
                for case .anchor(let name, _) in box.items where pages[name] == nil { pages[name] = index + 1 }
            }
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
                    throw LayoutError.tooLarge(place: box.place, what: box.described, height: box.height,
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
    fileprivate func place(_ boxes: [VBox], _ range: Range<Int>) -> PageBody {
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

/// Makes the page bodies in order, each from its boxes: the structure elements a page break cuts are closed at the
/// bottom of one page and opened again at the top of the next, so that every page is balanced.
struct PageCutter {
    let paginator: Paginator
    /// The elements open at the end of the last page made, outermost first.
    private var open: [TagEvent] = []

    init(paginator: Paginator) { self.paginator = paginator }

    /// The body of the next page, whose boxes are `boxes[range]` (none: an empty page).
    mutating func body(_ boxes: [VBox], _ range: Range<Int>) -> Paginator.PageBody {
        guard !range.isEmpty else { return Paginator.PageBody(content: [], decoration: []) }
        var body = paginator.place(boxes, range)
        body.content = open.map(FrameItem.tag) + body.content
        open = Paginator.openElements(after: body.content)
        body.content += open.reversed().map { .tag($0.closing) }
        return body
    }
}
