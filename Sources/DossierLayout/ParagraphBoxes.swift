import DossierContent
import DossierFrames
import DossierText

/// Turns shaped paragraphs into line boxes that obey widow and orphan rules.
struct ParagraphBoxes {
    let shaper: ParagraphShaper

    /// Shapes `paragraph` at `width` and returns its lines' frame items, relative to (x, 0).
    /// A `startIndent` narrows every line; in left-to-right paragraphs the lines also move right by it.
    func shape(_ paragraph: Paragraph, width: Double, place: String) throws -> ShapedParagraph {
        let indent = min(max(0, paragraph.style.startIndent), width - 1)
        let shaped: ShapedParagraph
        do {
            shaped = try shaper.shape(paragraph.spans, settings: paragraph.settings(width: width - max(0, indent)), place: place)
        } catch let error as TextError {
            throw LayoutError.text(error)
        }
        guard indent > 0, paragraph.style.direction == .ltr else { return shaped }
        var moved = shaped
        moved.lines = shaped.lines.map { line in
            var line = line
            line.x += indent
            line.runs = line.runs.map { $0.offsetBy(dx: indent, dy: 0) }
            return line
        }
        return moved
    }

    /// The items of one line at horizontal offset `x`, vertical offset `top` (line top). A linked line's text is
    /// inside its `Link` element, so that the link's text is what assistive technology reads for it.
    static func items(of line: ShapedLine, x: Double, top: Double, link: String?) -> [FrameItem] {
        let runs = line.runs.map { FrameItem.text($0.offsetBy(dx: x, dy: top - line.top)) }
        guard let link, line.width > 0 else { return runs }
        let area = Rect(x: x + line.x, y: top, width: line.width, height: line.height)
        return [.tag(.beginLink(.destination(link), area: area))] + runs + [.tag(.endLink)]
    }

    /// One box per line. Breaks inside the paragraph respect `orphans` (lines kept at the bottom of a page)
    /// and `widows` (lines carried to the top of the next one).
    /// `role` is the structure element the paragraph is tagged as (`P`, `H1`…).
    func boxes(for paragraph: Paragraph, x: Double, width: Double, place: String, what: String, role: String = "P") throws -> [VBox] {
        let shaped = try shape(paragraph, width: width, place: place)
        let lines = shaped.lines
        var boxes: [VBox] = []
        let lineOf = "\(what), line"  // one string for the paragraph's lines, each numbered (`VBox.number`)
        if paragraph.style.spaceBefore > 0 { boxes.append(.space(paragraph.style.spaceBefore, place: place)) }
        for (index, line) in lines.enumerated() {
            let next = index + 1 < lines.count ? lines[index + 1].top : shaped.height
            let height = max(next - line.top, line.height)
            let breakable = index >= paragraph.style.orphans && lines.count - index >= paragraph.style.widows
            boxes.append(VBox(height: height,
                              items: Self.items(of: line, x: x, top: 0, link: paragraph.linkDestination),
                              breakBefore: index == 0 ? .allowed : (breakable ? .allowed : .forbidden),
                              number: Int32(clamping: index + 1), place: place, what: lineOf))
        }
        if let first = boxes.firstIndex(where: { !$0.discardable }) {
            boxes[first].items.insert(.tag(.begin(role: role, alt: nil)), at: 0)
            boxes[boxes.count - 1].items.append(.tag(.end(role: role)))
        }
        if paragraph.style.spaceAfter > 0 {
            boxes.append(.space(paragraph.style.spaceAfter, place: place, breakBefore: .forbidden))
        }
        return boxes
    }
}
