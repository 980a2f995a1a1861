import DossierContent
import DossierFrames
import DossierKit
import DossierLayout
import DossierRender
import Foundation
import Testing

/// Golden frame dumps of every layout case, each in Arabic RTL and in LTR, on short pages that force breaks.
@Suite struct LayoutGoldenTests {
    static let directions: [Direction] = [.rtl, .ltr]

    func dump(_ document: Document) throws -> (String, LaidOutDocument) {
        let laidOut = try Support.typesetter().layout(document)
        return (FrameDump.dump(laidOut), laidOut)
    }

    @Test(arguments: directions)
    func paragraphSplitsBetweenLines(direction: Direction) throws {
        let c = Cases(direction: direction)
        let (text, doc) = try dump(c.document([c.paragraph(String(repeating: c.sentence, count: 9))]))
        #expect(doc.pages.count >= 2)
        try Support.assertGolden(text, "paragraph-split-\(c.suffix).txt")
    }

    @Test(arguments: directions)
    func widowsAndOrphansAreKept(direction: Direction) throws {
        let c = Cases(direction: direction)
        // Lines per page, with widows/orphans of 3: no page starts or ends a paragraph with fewer than 3 lines.
        let filler = c.paragraph(String(repeating: c.sentence, count: 4), widows: 1, orphans: 1)
        let guarded = c.paragraph(String(repeating: c.sentence, count: 3), widows: 3, orphans: 3)
        let (text, doc) = try dump(c.document([filler, guarded]))
        let baselines = doc.pages.map { page in Set(page.items.compactMap { item -> Double? in
            if case .text(let run) = item, run.size == 11 { return run.origin.y }
            return nil
        }).count }
        #expect(baselines.allSatisfy { $0 >= 3 }, "lines per page: \(baselines)")
        try Support.assertGolden(text, "widows-orphans-\(c.suffix).txt")
    }

    /// Rules: a paragraph that breaks leaves at least `orphans` lines at the foot of its first page and carries
    /// at least `widows` lines to the next, wherever it starts (a sweep of starting heights).
    @Test(arguments: directions)
    func widowsAndOrphansHoldWhereverAParagraphBreaks(direction: Direction) throws {
        let c = Cases(direction: direction)
        var broke = 0
        for filler in stride(from: 0.0, through: 170.0, by: 3) {
            let guarded = Block.paragraph(Paragraph(String(repeating: c.sentence, count: 6),
                                                    text: TextStyle(family: "Amiri", size: 10.5),
                                                    paragraph: ParagraphStyle(direction: direction, align: .justify, widows: 3, orphans: 3)))
            let doc = try Support.typesetter().layout(c.document([c.paragraph(c.sentence), .spacer(filler), guarded]))
            let lines = doc.pages.map { page in Set(page.items.compactMap { item -> Double? in
                if case .text(let run) = item, run.size == 10.5 { return run.origin.y }
                return nil
            }).count }.filter { $0 > 0 }
            guard lines.count > 1 else { continue }
            broke += 1
            #expect(lines.first! >= 3, "orphans rule: \(filler) pt of filler left \(lines.first!) line(s) at the foot of a page (\(lines))")
            #expect(lines.dropFirst().allSatisfy { $0 >= 3 }, "widows rule: \(filler) pt of filler carried too few lines to the next page (\(lines))")
        }
        #expect(broke > 5, "the sweep must break the paragraph")
    }

    /// Rule: a heading is never the last thing on its page, wherever it falls (a sweep of starting heights).
    @Test(arguments: directions)
    func aHeadingNeverEndsAPage(direction: Direction) throws {
        let c = Cases(direction: direction)
        for filler in stride(from: 0.0, through: 200.0, by: 4) {
            let doc = try Support.typesetter().layout(c.document([c.paragraph(c.sentence), .spacer(filler),
                c.heading(c.rtl ? "عنوان القسم" : "Section title", anchor: "s1"), c.paragraph(String(repeating: c.sentence, count: 2))]))
            for (index, page) in doc.pages.enumerated() {
                let last = page.items.last { if case .text(let r) = $0 { return r.size != 8 } else { return false } }
                if case .text(let run)? = last {
                    #expect(run.size != 14, "keep-with-next rule: \(filler) pt of filler left the heading alone at the foot of page \(index + 1)")
                }
            }
        }
    }

    @Test(arguments: directions)
    func headingIsKeptWithWhatFollows(direction: Direction) throws {
        let c = Cases(direction: direction)
        let filler = c.paragraph(String(repeating: c.sentence, count: 4))
        let (text, doc) = try dump(c.document([filler, c.heading(c.rtl ? "عنوان القسم" : "Section title", anchor: "s1"),
                                               c.paragraph(String(repeating: c.sentence, count: 2))]))
        // The heading must not be the last thing on its page.
        for page in doc.pages {
            let last = page.items.last { if case .text(let r) = $0 { return r.size != 8 } else { return false } }
            if case .text(let run)? = last { #expect(run.size != 14, "a page ends with the heading") }
        }
        #expect(doc.bookmarks.map(\.destination) == ["s1"])
        try Support.assertGolden(text, "heading-keep-\(c.suffix).txt")
    }

    @Test(arguments: directions)
    func tableSplitsBetweenRowsAndRepeatsItsHeader(direction: Direction) throws {
        let c = Cases(direction: direction)
        let (text, doc) = try dump(c.document([.table(c.table(rows: 14))]))
        #expect(doc.pages.count >= 2)
        let headerWord = c.rtl ? "الرمز" : "Code"
        for page in doc.pages {
            let texts = page.items.compactMap { item -> GlyphRun? in if case .text(let r) = item { return r } else { return nil } }
            #expect(texts.contains { $0.text == headerWord }, "header row missing on a page")
            // The first column is on the right in RTL, on the left in LTR.
            if let code = texts.first(where: { $0.text == headerWord }), let amount = texts.first(where: { $0.text.contains(c.rtl ? "المبلغ" : "Amount") }) {
                #expect(c.rtl ? code.origin.x > amount.origin.x : code.origin.x < amount.origin.x,
                        "column-order rule: the first column must be on the \(c.rtl ? "right" : "left")")
            }
        }
        let total = c.rtl ? "المجموع" : "Total"
        let footerPages = doc.pages.indices.filter { index in
            doc.pages[index].items.contains { if case .text(let r) = $0 { return r.text == total } else { return false } }
        }
        #expect(footerPages == [doc.pages.count - 1])
        try Support.assertGolden(text, "table-split-\(c.suffix).txt")
    }

    /// Rule: a start indent holds for every line of a paragraph, not only the first (a wrapped table-of-contents
    /// entry keeps its level's indent).
    @Test(arguments: directions)
    func startIndentHoldsOnEveryLine(direction: Direction) throws {
        let c = Cases(direction: direction)
        let style = ParagraphStyle(direction: direction, align: .start, startIndent: 40)
        let paragraph = Block.paragraph(Paragraph(String(repeating: c.sentence, count: 2), text: c.body, paragraph: style))
        let doc = try Support.typesetter().layout(c.document([paragraph]))
        let page = try #require(doc.pages.first)
        let runs = page.items.compactMap { item -> GlyphRun? in if case .text(let r) = item, r.size != 8 { return r } else { return nil } }
        let lines = Dictionary(grouping: runs, by: { ($0.origin.y * 10).rounded() }).values
        #expect(lines.count >= 3)
        let (left, right) = (c.template.margins.start, c.template.width - c.template.margins.end)
        for line in lines {
            let start = c.rtl ? line.map { $0.origin.x + $0.width }.max()! : line.map(\.origin.x).min()!
            let edge = c.rtl ? c.template.width - c.template.margins.start : left
            let indent = c.rtl ? edge - start : start - edge
            #expect(indent >= 39.9, "start-indent rule: a line starts \(indent) pt from the start edge, not 40 (\(left)…\(right))")
        }
    }

    /// Rule: a table never leaves its header with fewer than two body rows at the foot of a page: wherever the
    /// filler ends, the first page the table appears on holds at least two of its body rows.
    @Test(arguments: directions)
    func aSplitTableKeepsTwoBodyRowsWithItsHeader(direction: Direction) throws {
        let c = Cases(direction: direction)
        let rowWord = c.rtl ? "مشروع رقم" : "Project number"
        for filler in stride(from: 20.0, through: 200.0, by: 4) {
            let doc = try Support.typesetter().layout(c.document([c.paragraph(c.sentence), .spacer(filler), .table(c.table(rows: 12))]))
            let rowsPerPage = doc.pages.map { page in
                page.items.filter { if case .text(let r) = $0 { return r.text.hasPrefix(rowWord) } else { return false } }.count
            }
            let first = try #require(rowsPerPage.firstIndex { $0 > 0 })
            #expect(rowsPerPage[first] >= 2,
                    "header-with-two-rows rule: \(filler) pt of filler left \(rowsPerPage[first]) body row under the header on page \(first + 1) (\(rowsPerPage))")
        }
    }

    @Test(arguments: directions)
    func keepTogetherMovesTheGroup(direction: Direction) throws {
        let c = Cases(direction: direction)
        let filler = c.paragraph(String(repeating: c.sentence, count: 4))
        let group = Block.keepTogether([c.paragraph(c.sentence), .table(c.table(rows: 2))])
        let (text, doc) = try dump(c.document([filler, group]))
        let pageOfTable = doc.pages.firstIndex { $0.items.contains { if case .text(let r) = $0 { return r.text == "1000.000,00" } else { return false } } }
        let pageOfGroupStart = doc.pages.lastIndex { page in
            page.items.contains { if case .text(let r) = $0 { return r.size == 11 } else { return false } }
        }
        #expect(pageOfTable == pageOfGroupStart)
        try Support.assertGolden(text, "keep-together-\(c.suffix).txt")
    }

    @Test(arguments: directions)
    func pageBreakSpacerRuleAndImage(direction: Direction) throws {
        let c = Cases(direction: direction)
        let folder = try Support.scratch("image")
        let image = folder.appendingPathComponent("logo.png")
        try PNGRenderer(scale: 1).render(Page(size: Size(width: 40, height: 20),
                                              items: [.rect(Rect(x: 0, y: 0, width: 40, height: 20), Paint(fill: .black))]), to: image)
        let (text, doc) = try dump(c.document([
            c.paragraph(c.sentence), .spacer(20), .rule(RuleBlock()), .pageBreak,
            .image(ImageBlock(file: image.path, width: 80, align: .start)), c.paragraph(c.sentence),
        ]))
        #expect(doc.pages.count == 2)
        let imageRect = doc.pages[1].items.compactMap { item -> Rect? in if case .image(_, let r) = item { return r } else { return nil } }.first
        #expect(imageRect != nil)
        if let rect = imageRect { #expect(c.rtl ? rect.maxX == 280 : rect.x == 20) }
        try Support.assertGolden(text.replacingOccurrences(of: folder.path, with: "TMP"), "break-rule-image-\(c.suffix).txt")
    }

    @Test(arguments: directions)
    func footerShowsPageOfPages(direction: Direction) throws {
        let c = Cases(direction: direction)
        let (_, doc) = try dump(c.document([c.paragraph(String(repeating: c.sentence, count: 9))]))
        let footers = doc.pages.map { page in page.items.compactMap { item -> String? in
            if case .text(let r) = item, r.size == 8 { return r.text } else { return nil } }.joined() }
        let total = doc.pages.count
        for (index, footer) in footers.enumerated() {
            #expect(footer.contains("\(index + 1)") && footer.contains("\(total)"), "footer «\(footer)»")
        }
    }
}
