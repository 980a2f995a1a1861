import DossierCharts
import DossierContent
import DossierFrames
import DossierKit
import DossierRender
import Foundation
import Testing

/// Charts: golden frame dumps and PNG goldens for each kind in RTL and LTR, and the edge cases.
@Suite struct ChartTests {
    static let kinds = ChartBlock.Kind.allCases
    static let directions: [Direction] = [.rtl, .ltr]

    static let names = ["إحداث مركب للنسيج التقليدي", "إحداث قرية للمنتوجات النباتية", "إحداث دار الصانعة للفخار القروي النسوي",
                        "تثمين الفخار القروي النسوي الثقافي والتاريخي", "إحداث دار الصانعة للخياطة التقليدية",
                        "إحداث فضاءات لتسويق المنتوجات الحرفية",
                        "إحداث مركز للتكوين بالتدرج المهني في حرف الصناعة التقليدية", "إحداث مركب للصناعات الحرفية"]
    static let amounts = [5.3, 3.5, 3.8, 2.41, 2.5, 1.74, 7, 2]

    static func chart(_ kind: ChartBlock.Kind, _ direction: Direction, categories: [String] = names, values: [Double] = amounts) -> ChartBlock {
        let labels = values.map { String(format: "%g", $0).replacingOccurrences(of: ".", with: ",") }
        switch kind {
        case .bars:
            return ChartBlock(kind: .bars, title: "كلفة المشاريع", categories: categories,
                              series: [ChartSeries(name: "الكلفة", values: values)], valueLabels: labels, unit: "مليون درهم",
                              direction: direction)
        case .stackedBars:
            let shares = [0.4, 0.3, 0.2, 0.1]
            return ChartBlock(kind: .stackedBars, title: "التمويل حسب الشركاء", categories: categories,
                              series: ["الوزارة", "وكالة الشمال", "المبادرة الوطنية", "المجلس الإقليمي"].enumerated().map { i, name in
                                  ChartSeries(name: name, values: values.map { $0 * shares[i] })
                              }, valueLabels: labels, unit: "مليون درهم", direction: direction)
        case .donut:
            return ChartBlock(kind: .donut, title: "الحصص", categories: categories, series: [ChartSeries(name: "الحصة", values: values)],
                              valueLabels: labels.map { "\($0) مليون درهم" }, direction: direction)
        case .progress:
            return ChartBlock(kind: .progress, title: "الالتزام والأداء", categories: categories, series: [
                ChartSeries(name: "الكلفة", values: values), ChartSeries(name: "الملتزم به", values: values.map { $0 * 0.6 }),
                ChartSeries(name: "المؤدى", values: values.map { $0 * 0.3 }),
            ], valueLabels: labels, unit: "مليون درهم", direction: direction)
        }
    }

    static func document(_ blocks: [Block], direction: Direction) -> Document {
        Document(template: PageTemplate(width: 420, height: 520, margins: .all(20)), direction: direction,
                 metadata: Metadata(title: "charts", creationDate: "2016-12-08T00:00:00Z"), blocks: blocks)
    }

    static func texts(_ page: Page) -> [GlyphRun] {
        page.items.compactMap { if case .text(let run) = $0 { return run } else { return nil } }
    }

    static func rects(_ page: Page) -> [(Rect, Paint)] {
        page.items.compactMap { if case .rect(let r, let p) = $0 { return (r, p) } else { return nil } }
    }

    @Test(arguments: kinds, directions)
    func eachKindMatchesItsGoldens(kind: ChartBlock.Kind, direction: Direction) throws {
        let laidOut = try Support.typesetter().layout(Self.document([.chart(Self.chart(kind, direction))], direction: direction))
        let name = "chart-\(kind.rawValue)-\(direction.rawValue)"
        try Support.assertGolden(FrameDump.dump(laidOut), name + ".txt")
        let png = try Support.scratch("chart").appendingPathComponent(name + ".png")
        try PNGRenderer(scale: 1).render(laidOut.pages[0], to: png)
        let golden = Support.goldens.appendingPathComponent(name + ".png")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try? FileManager.default.removeItem(at: golden)
            try FileManager.default.copyItem(at: png, to: golden)
        }
        let difference = try PNGCompare.compare(png, golden)
        #expect(difference.sameSize && difference.differingFraction < 0.003, "\(difference)")
        // Nothing spills out of the body.
        for item in laidOut.pages.flatMap(\.items) {
            if case .text(let run) = item { #expect(run.origin.x >= 19.5 && run.origin.x + run.width <= 400.5, "\(run.text) spills out") }
            if case .rect(let r, _) = item { #expect(r.x >= 19.5 && r.maxX <= 400.5) }
        }
    }

    @Test(arguments: directions)
    func barsGrowFromTheStartSideAndLabelsSitThere(direction: Direction) throws {
        let laidOut = try Support.typesetter().layout(Self.document([.chart(Self.chart(.bars, direction))], direction: direction))
        let page = laidOut.pages[0]
        let bars = Self.rects(page).filter { $0.1.fill == Color(hex: ChartStyle.defaultPalette[0]) }
        #expect(bars.count == 8)
        let label = try #require(Self.texts(page).first { $0.text.hasPrefix("إحداث مركب للنسيج") })
        let bar = bars[0].0
        if direction == .rtl {
            // All bars share their right edge (the zero line); the label is to its right.
            #expect(Set(bars.map { ($0.0.maxX * 10).rounded() }).count == 1)
            #expect(label.origin.x > bar.maxX)
        } else {
            #expect(Set(bars.map { ($0.0.x * 10).rounded() }).count == 1)
            #expect(label.origin.x + label.width < bar.x)
        }
        // The longest bar is project 7 (7 M).
        #expect(bars.map(\.0.width).max() == bars[6].0.width)
        // Ticks mirror: 0 sits at the zero line, on the start side.
        let ticks = Self.texts(page).filter { ["0", "2", "4", "6", "8"].contains($0.text) }
        let zero = try #require(ticks.first { $0.text == "0" }), eight = try #require(ticks.first { $0.text == "8" })
        #expect(direction == .rtl ? zero.origin.x > eight.origin.x : zero.origin.x < eight.origin.x)
    }

    @Test(arguments: directions)
    func legendReadsInTheDocumentsDirection(direction: Direction) throws {
        let laidOut = try Support.typesetter().layout(Self.document([.chart(Self.chart(.stackedBars, direction))], direction: direction))
        let texts = Self.texts(laidOut.pages[0])
        let first = try #require(texts.first { $0.text == "الوزارة" }), second = try #require(texts.first { $0.text == "وكالة الشمال" })
        #expect(direction == .rtl ? first.origin.x > second.origin.x : first.origin.x < second.origin.x)
    }

    @Test func longLabelsWrapThenEndWithAnEllipsis() throws {
        let long = String(repeating: "إحداث مركز للتكوين بالتدرج المهني في حرف الصناعة التقليدية ", count: 4)
        var chart = Self.chart(.bars, .rtl, categories: [long, "قصير"], values: [3, 1])
        chart.style.maxLabelLines = 2
        let laidOut = try Support.typesetter().layout(Self.document([.chart(chart)], direction: .rtl))
        let labelRuns = Self.texts(laidOut.pages[0]).filter { $0.text.contains("التكوين") || $0.text.contains("…") }
        let lines = Set(labelRuns.map { ($0.origin.y * 10).rounded() })
        #expect(lines.count <= 2)
        #expect(labelRuns.contains { $0.text.contains("…") })
    }

    @Test func oneCategory() throws {
        let laidOut = try Support.typesetter().layout(Self.document([.chart(Self.chart(.bars, .rtl, categories: ["مشروع واحد"], values: [2.5]))], direction: .rtl))
        #expect(Self.rects(laidOut.pages[0]).filter { $0.1.fill == Color(hex: ChartStyle.defaultPalette[0]) }.count == 1)
        try Support.assertGolden(FrameDump.dump(laidOut), "chart-one-category.txt")
    }

    @Test func sixtyCategoriesBreakAcrossPagesWithTheHeaderRepeated() throws {
        let categories = (1...60).map { "المشروع رقم \($0)" }
        let values = (1...60).map { Double($0 % 7 + 1) }
        let laidOut = try Support.typesetter().layout(Self.document([.chart(Self.chart(.bars, .rtl, categories: categories, values: values))], direction: .rtl))
        #expect(laidOut.pages.count >= 2)
        for page in laidOut.pages { #expect(Self.texts(page).contains { $0.text == "كلفة المشاريع" }, "title repeated on every page") }
        let drawn = laidOut.pages.flatMap(Self.rects).filter { $0.1.fill == Color(hex: ChartStyle.defaultPalette[0]) }
        #expect(drawn.count == 60)
        try Support.assertGolden(FrameDump.dump(laidOut), "chart-sixty.txt")
    }

    @Test func zeroValuesAllZerosAndAHugeOutlier() throws {
        let zero = Self.chart(.bars, .rtl, categories: ["أ", "ب", "ج"], values: [2, 0, 1])
        let allZero = Self.chart(.stackedBars, .rtl, categories: ["أ", "ب"], values: [0, 0])
        let donutZero = Self.chart(.donut, .rtl, categories: ["أ", "ب"], values: [0, 0])
        let outlier = Self.chart(.bars, .rtl, categories: ["كبير", "صغير", "أصغر"], values: [500, 1, 0.5])
        let laidOut = try Support.typesetter().layout(Self.document([.chart(zero), .chart(allZero), .chart(donutZero), .chart(outlier)], direction: .rtl))
        let bars = laidOut.pages.flatMap(Self.rects).filter { $0.1.fill == Color(hex: ChartStyle.defaultPalette[0]) }
        #expect(bars.allSatisfy { $0.0.width.isFinite && $0.0.width >= 0 })
        // The small values of the outlier chart still get their value written.
        let texts = laidOut.pages.flatMap(Self.texts).map(\.text)
        #expect(texts.contains("0,5") && texts.contains("500"))
        try Support.assertGolden(FrameDump.dump(laidOut), "chart-edge-cases.txt")
    }

    @Test func badChartDataIsReported() throws {
        var chart = Self.chart(.bars, .rtl)
        chart.series[0].values.removeLast()
        chart.source = "Layouts/convention.xml:40:7"
        do {
            _ = try Support.typesetter().layout(Self.document([.chart(chart)], direction: .rtl))
            Issue.record("no error")
        } catch {
            #expect("\(error)".contains("Layouts/convention.xml:40:7"))
            #expect("\(error)".contains("7 values for 8 categories"))
        }
    }

    @Test func chartLabelsAreExtractableFromThePDF() throws {
        let pdf = try Support.scratch("chart-pdf").appendingPathComponent("chart.pdf")
        try Support.typesetter().writePDF(Self.document([.chart(Self.chart(.bars, .rtl)), .chart(Self.chart(.donut, .rtl))], direction: .rtl), to: pdf)
        let text = Support.loose(try Support.run("pdftotext", [pdf.path, "-"]).output)
        for expected in ["كلفة المشاريع", "إحداث مركب للنسيج التقليدي", "مليون درهم", "5,3"] {
            #expect(text.contains(Support.loose(expected)), "missing «\(expected)»")
        }
        let qdf = try Support.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, "-"]).output
        #expect(!qdf.contains("/Subtype /Image"), "charts must be vectors")
    }
}
