import DossierContent
import DossierFrames
import DossierKit
import DossierLayout
import DossierRender
import Foundation
import Testing

/// Checks on real PDF and PNG output, read back with poppler and qpdf.
@Suite struct OutputTests {
    @Test func specimenPDFEmbedsFontsPassesQpdfAndExtractsArabic() throws {
        let folder = try Support.scratch("specimen")
        let pdf = folder.appendingPathComponent("specimen.pdf")
        let doc = try Support.typesetter().writePDF(Specimen.document(), to: pdf)
        #expect(doc.pages.count >= 3)

        let qpdf = try Support.run("qpdf", ["--check", pdf.path])
        #expect(qpdf.status == 0, "\(qpdf.output)")

        let fonts = try Support.run("pdffonts", [pdf.path])
        let rows = fonts.output.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty)
        for row in rows {
            let columns = row.split(separator: " ")
            // Columns from the end: object id, generation, uni, sub, emb.
            #expect(columns[columns.count - 5] == "yes", "font not embedded: \(row)")
            #expect(columns[columns.count - 4] == "yes", "font not subset: \(row)")
        }

        // pdftotext inserts spurious spaces inside some Amiri words: compare without spaces and bidi controls,
        // which still proves logical order (a reversed word would not match).
        let text = Support.loose(try Support.run("pdftotext", [pdf.path, "-"]).output)
        for expected in ["ملف اتفاقية الشراكة", "28,25", "مليون درهم", "2015 – 2020", "INDH", "28.250.000,00", "الإقليمية",
                         "الصفحة 1 من 6"] {
            #expect(text.contains(Support.loose(expected)), "pdftotext lacks «\(expected)»")
        }
        let info = try Support.run("pdfinfo", [pdf.path]).output
        #expect(info.contains("نموذج الطباعة"))
        #expect(info.contains("عمالة إقليم تاونات"))
        #expect(info.contains("2016"))
    }

    @Test func outlineAndLinksPointAtExistingDestinations() throws {
        let c = Cases(direction: .rtl)
        var toc = Paragraph("انظر القسم الثاني", text: c.body, paragraph: ParagraphStyle())
        toc.runs[0].link = "second"
        let document = c.document([
            c.heading("القسم الأول", anchor: "first"), .paragraph(toc), .pageBreak,
            c.heading("القسم الثاني", anchor: "second"), c.paragraph(c.sentence),
        ])
        let pdf = try Support.scratch("links").appendingPathComponent("links.pdf")
        try Support.typesetter().writePDF(document, to: pdf)
        let check = try Support.run("qpdf", ["--check", pdf.path])
        #expect(check.status == 0 && !check.output.contains("WARNING"), "\(check.output)")
        let qdf = try Support.run("qpdf", ["--qdf", "--object-streams=disable", pdf.path, "-"]).output
        #expect(qdf.contains("/Outlines"))
        #expect(qdf.contains("/Subtype /Link"))
        #expect(qdf.contains("(second)"))
        #expect(qdf.contains("/Dests"))
    }

    @Test func sameInputAndDateGiveByteIdenticalPDFs() throws {
        let folder = try Support.scratch("determinism")
        let a = folder.appendingPathComponent("a.pdf"), b = folder.appendingPathComponent("b.pdf")
        try Support.typesetter().writePDF(Specimen.document(date: "2016-12-08"), to: a)
        try Support.typesetter().writePDF(Specimen.document(date: "2016-12-08"), to: b)
        #expect(try Data(contentsOf: a) == Data(contentsOf: b))
        let c = folder.appendingPathComponent("c.pdf")
        try Support.typesetter().writePDF(Specimen.document(date: "2017-01-01"), to: c)
        #expect(try Data(contentsOf: a) != Data(contentsOf: c))
    }

    @Test func aBlockTallerThanAPageIsReportedWithItsPlace() throws {
        let c = Cases(direction: .rtl)
        let folder = try Support.scratch("image-big")
        let image = folder.appendingPathComponent("tall.png")
        try PNGRenderer().render(Page(size: Size(width: 20, height: 400), items: []), to: image)
        let document = c.document([c.paragraph(c.sentence), .image(ImageBlock(file: image.path, width: 20, source: "Layouts/x.xml:7:3"))])
        do {
            _ = try Support.typesetter().layout(document)
            Issue.record("no error")
        } catch let error as LayoutError {
            #expect(error.description.contains("block 2"))
            #expect(error.description.contains("Layouts/x.xml:7:3"))
            #expect(error.description.contains("image is 400 pt tall"))
        }
    }

    @Test func aFailedRenderLeavesNoFileBehind() throws {
        let c = Cases(direction: .rtl)
        let folder = try Support.scratch("partial")
        let pdf = folder.appendingPathComponent("broken.pdf")
        let document = c.document([c.paragraph("نص 中")])
        #expect(throws: (any Error).self) { try Support.typesetter().writePDF(document, to: pdf) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func firstSpecimenPageMatchesItsPNGGolden() throws {
        let folder = try Support.scratch("png")
        let laidOut = try Support.typesetter().layout(Specimen.document())
        let png = folder.appendingPathComponent("page1.png")
        try PNGRenderer(scale: 1).render(laidOut.pages[0], to: png)
        let golden = Support.goldens.appendingPathComponent("specimen-page1.png")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            _ = try? FileManager.default.removeItem(at: golden)
            try FileManager.default.copyItem(at: png, to: golden)
        }
        let difference = try PNGCompare.compare(png, golden)
        #expect(difference.sameSize)
        #expect(difference.differingFraction < 0.002, "\(difference.differingFraction * 100)% of pixels differ")
    }
}

@Suite struct TallRowTests {
    @Test(arguments: [Direction.rtl, .ltr])
    func aTableRowTallerThanAPageIsReportedNotClipped(direction: Direction) throws {
        let c = Cases(direction: direction)
        var table = c.table(rows: 3)
        table.bodyRows[1][1] = c.cell(String(repeating: c.sentence, count: 12))
        table.source = "Layouts/convention.xml:88:5"
        do {
            _ = try Support.typesetter().layout(c.document([.table(table)]))
            Issue.record("no error")
        } catch let error as LayoutError {
            #expect(error.description.contains("Layouts/convention.xml:88:5"))
            #expect(error.description.contains("row 2 is"))
            #expect(error.description.contains("shorten it or split it"))
        }
    }
}
