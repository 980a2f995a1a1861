import DossierCharts
import DossierContent
import DossierFrames
import DossierKit
import DossierLayout
import Foundation
import Testing

/// A document too long to keep all its boxes is paginated with their measures and its boxes are built again, block
/// by block, as its pages are made (`BodyStream`). Its pages must be the ones the kept boxes give, item for item, in
/// every layout case that carries state from one box or page to the next: widows and orphans, keep-with-next after
/// headings, keep-together, forced breaks, table headers repeated and structure elements cut by page breaks, charts,
/// anchors and their pages, the running texts' page count.
@Suite struct BodyStreamTests {
    static func blocks(_ c: Cases) -> [Block] {
        let chart = ChartBlock(kind: .bars, title: c.rtl ? "كلفة المشاريع" : "Project costs",
                               categories: (1...14).map { c.rtl ? "مشروع \($0)" : "Project \($0)" },
                               series: [ChartSeries(name: c.rtl ? "الكلفة" : "Cost", values: (1...14).map { Double($0) * 1.5 })],
                               direction: c.direction)
        return [
            c.heading(c.rtl ? "تقديم" : "Introduction", anchor: "intro"),
            c.paragraph(String(repeating: c.sentence, count: 5), widows: 3, orphans: 3),
            .anchor("after-intro"),
            .table(c.table(rows: 30)),
            c.heading(c.rtl ? "المجموعة" : "Group", anchor: "group"),
            .keepTogether([c.paragraph(c.sentence), .table(c.table(rows: 3))]),
            .spacer(40), .rule(RuleBlock()), .pageBreak,
            c.heading(c.rtl ? "المبيان" : "Chart", anchor: "chart"),
            .chart(chart),
            c.paragraph(String(repeating: c.sentence, count: 3), align: .start),
            .pageBreak, .pageBreak,
            c.paragraph(c.sentence),
        ]
    }

    /// Lays `document` out with its boxes kept and streamed; returns both, the streamed one checked to be streamed.
    static func bothWays(_ document: Document) throws -> (kept: (LaidOutDocument, [String: Int]), streamed: (LaidOutDocument, [String: Int])) {
        let typesetter = try Support.typesetter()
        let kept = try typesetter.paginate(document, keepingCache: false)
        #expect(!kept.streamsBodies)
        let keptPages = try typesetter.pages(of: kept)
        typesetter.clearCaches()
        typesetter.boxesStreamedFrom = 0
        let streamed = try typesetter.paginate(document, keepingCache: false)
        #expect(streamed.streamsBodies, "a document of \(document.blocks.count) blocks should stream its boxes from 0 blocks")
        let streamedPages = try typesetter.pages(of: streamed)
        return ((keptPages, kept.anchorPages), (streamedPages, streamed.anchorPages))
    }

    @Test(arguments: LayoutGoldenTests.directions)
    func streamedBoxesGiveTheSamePages(direction: Direction) throws {
        let c = Cases(direction: direction)
        let (kept, streamed) = try Self.bothWays(c.document(Self.blocks(c)))
        #expect(kept.0.pages.count >= 8, "the case should break over many pages (\(kept.0.pages.count))")
        #expect(streamed.0.pages.count == kept.0.pages.count, "streamed: \(streamed.0.pages.count) pages, kept: \(kept.0.pages.count)")
        for (index, (a, b)) in zip(kept.0.pages, streamed.0.pages).enumerated() {
            let same = a == b  // not in the expectation: it would print both pages whole
            #expect(same, "page \(index + 1) differs when its boxes are built again as it is made")
        }
        #expect(streamed.1 == kept.1, "anchor pages: streamed \(streamed.1), kept \(kept.1)")
        #expect(streamed.0.bookmarks == kept.0.bookmarks && streamed.0.anchorTitles == kept.0.anchorTitles)
    }

    /// A pass that keeps only measures leaves them in the engine's cache: a later pass that keeps boxes must not take
    /// them for boxes (they draw nothing).
    @Test func measuresLeftInTheCacheAreNotTakenForBoxes() throws {
        let c = Cases(direction: .rtl)
        let document = c.document(Self.blocks(c))
        let fresh = try Support.typesetter().layout(document, keepingCache: false)
        let typesetter = try Support.typesetter()
        typesetter.boxesStreamedFrom = 1
        _ = try typesetter.anchorPages(document)
        typesetter.boxesStreamedFrom = .max
        let after = try typesetter.layout(document, keepingCache: false)
        let same = after.pages == fresh.pages
        #expect(same, "a pass keeping boxes after one keeping measures drew other pages")
    }

    /// A document with no boxes at all (no blocks), or only a page break, still has its one empty page.
    @Test(arguments: [false, true])
    func aDocumentWithoutContentHasOneEmptyPage(pageBreak: Bool) throws {
        let c = Cases(direction: .rtl)
        let (kept, streamed) = try Self.bothWays(c.document(pageBreak ? [.pageBreak] : []))
        let same = streamed.0.pages == kept.0.pages
        #expect(kept.0.pages.count == 1 && same, "kept: \(kept.0.pages.count) pages, streamed: \(streamed.0.pages.count)")
    }

    /// A line too tall for a page is found while measuring, before any page is made, named with its block and line,
    /// as when the boxes are kept.
    @Test(arguments: [1, Int.max])
    func aLineTooTallIsNamedBeforeAnyPageIsMade(streamedFrom: Int) throws {
        let c = Cases(direction: .rtl)
        let typesetter = try Support.typesetter()
        typesetter.boxesStreamedFrom = streamedFrom
        let huge = Block.paragraph(Paragraph(c.sentence, text: TextStyle(family: "Amiri", size: 260),
                                             paragraph: ParagraphStyle(direction: .rtl)))
        do {
            _ = try typesetter.paginate(c.document([c.paragraph(c.sentence), huge]), keepingCache: false)
            Issue.record("a line taller than the page body was laid out")
        } catch let error as LayoutError {
            #expect(error.description.hasPrefix("block 2: paragraph, line 1 is "), "\(error)")
        }
    }
}
