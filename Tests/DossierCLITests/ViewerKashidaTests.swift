import DossierContent
import DossierKit
import DossierTestSupport
import DossierText
import Foundation
import Testing

/// Kashida-justified paragraphs read back by the viewers' engines, with no copy of the same words justified by
/// spaces on the page to be found instead (the specimen has both side by side): PDFium and poppler must find every
/// word and copy every stretch of Arabic between numbers verbatim, and no engine may yield a tatweel the text did
/// not have.
@Suite struct ViewerKashidaTests {
    static let families = ["Amiri", "Noto Naskh Arabic"]
    static let widths = [241.0, 310.0]

    /// The specimen's paragraphs and its vowelled one, kashida-justified in one column of each width, each table on
    /// its own page.
    static func document() -> Document {
        var blocks: [Block] = []
        for family in families {
            for width in widths {
                let style = ParagraphStyle(align: .justify, lineHeight: 1.2, spaceAfter: 0, justification: .kashida)
                let texts = Specimen.kashidaTexts + [Specimen.vowelledKashidaText]
                let rows = texts.map { [Cell(Paragraph($0, text: TextStyle(family: family, size: 11), paragraph: style))] }
                if !blocks.isEmpty { blocks.append(.pageBreak) }
                blocks.append(.table(Table(columns: [.fixed(width)], bodyRows: rows, style: TableStyle(padding: 7))))
            }
        }
        return Document(metadata: Metadata(title: "kashida", creationDate: "2016-12-08T00:00:00Z"), blocks: blocks)
    }

    /// Stretches of Arabic words (three or more) between numbers, Latin and punctuation: what a reader copies.
    static func arabicStretches(of text: String) -> [String] {
        let isArabicOrSpace: (Unicode.Scalar) -> Bool = { $0 == " " || (0x0621...0x064A).contains($0.value) || (0x064B...0x065F).contains($0.value) }
        var stretches: [String] = [], current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars + ["."] {
            if isArabicOrSpace(scalar) { current.append(scalar); continue }
            let stretch = String(current).trimmingCharacters(in: .whitespaces)
            if stretch.split(separator: " ").count >= 3 { stretches.append(stretch) }
            current = String.UnicodeScalarView()
        }
        return stretches
    }

    @Test func viewersReadKashidaParagraphsAsTheirSource() throws {
        let manifest = CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt")
        let typesetter = try Typesetter(fontsManifest: manifest)
        let pdf = try TestTools.scratch("viewer-kashida").appendingPathComponent("kashida.pdf")
        let laidOut = try typesetter.writePDF(Self.document(), to: pdf)

        // Not vacuous: the words are really elongated, in both fonts.
        let world = try FontWorld(manifest: manifest)
        for family in Self.families {
            let tatweel = try #require(KashidaProbe.tatweelGlyph(family: family, world: world))
            let elongated = laidOut.pages.flatMap { $0.items }.filter { item in
                if case .text(let run) = item { return run.shaped.font.file.contains(family.replacingOccurrences(of: " ", with: ""))
                    && run.shaped.glyphs.contains { $0.id == tatweel } }
                return false
            }
            #expect(elongated.count >= 10, "only \(elongated.count) elongated runs in \(family)")
        }

        let source: String = Specimen.kashidaTexts.joined(separator: " ")
        let words = ViewerTextTests.arabicWords(in: source).sorted()
        // Not the vowelled paragraph's: no engine copies vowelled Arabic verbatim, justified by kashida or by spaces
        // (README, "Searching and copying"); it is on the pages for the tatweel count below.
        let strings = Specimen.kashidaTexts.flatMap(Self.arabicStretches)
        #expect(strings.count >= 6)
        let report = try ViewerTextTests.run(.init(pdf: pdf, words: words, strings: strings))
        for (engine, missing) in [("PDFium", report.pdfium.missing), ("poppler", report.poppler.missing)] {
            #expect(missing.isEmpty, "kashida viewer-text rule: \(engine) does not find \(missing.count) of \(words.count) words: \(missing.prefix(12))")
        }
        for (engine, missing) in [("PDFium", report.strings.pdfium.missing), ("poppler", report.strings.poppler.missing)] {
            #expect(missing.isEmpty, "kashida viewer-text rule: \(engine) does not copy verbatim: \(missing.prefix(4))")
        }
        // MuPDF puts a space wherever two characters are more than 0.15 em apart, and an elongation is such a gap
        // (its tatweels carry no character); where the tatweels end a word's last letter's span, its ActualText
        // suffix matching writes that letter twice (Layouts/README.md, "Kashida"). Known, so only held at its level:
        let found = 1 - Double(report.mupdf.missing.count) / Double(words.count)
        print("viewer text kashida: MuPDF finds \(words.count - report.mupdf.missing.count) of \(words.count) words; missing \(report.mupdf.missing)")
        #expect(found >= 0.8, "kashida viewer-text rule: MuPDF finds only \(ViewerTextTests.percent(found)) of the words: \(report.mupdf.missing)")
        // With its spaces taken out MuPDF's text holds every word but those whose last letter was stretched to, which
        // it writes twice: a letter written twice inside a word (`الص صناعة`) would show here.
        let unjoined = report.mupdf.unjoined ?? []
        print("viewer text kashida: MuPDF's text without spaces lacks \(unjoined)")
        #expect(unjoined.count <= 4, "kashida viewer-text rule: MuPDF doubles letters in \(unjoined.count) words: \(unjoined)")
        for (engine, count) in report.tatweels.sorted(by: { $0.key < $1.key }) {
            #expect(count == 0, "kashida clean-text rule: \(engine) extracts \(count) tatweels (U+0640) the text does not have")
        }
    }

    /// The expect file CI gives `pdfcheck --only 9` for the specimen: the words of its kashida paragraphs. Without
    /// it pdfcheck takes its test words from its own reconstruction of the pages, which keeps MuPDF's fragments of
    /// elongated words (`التع` of `التعـاونيات`) and then finds pdftotext's whole word wanting. The file must list
    /// exactly the paragraphs' words (`UPDATE_GOLDENS=1` rewrites it).
    @Test func specimenExpectFileListsTheKashidaParagraphsWords() throws {
        let file = CLI.repoRoot.appendingPathComponent("Tests/ViewerText/specimen-expect.json")
        let words = ViewerTextTests.arabicWords(in: Specimen.kashidaTexts.joined(separator: " ")).sorted()
        let expected = try JSONSerialization.data(withJSONObject: ["strings": words], options: [.prettyPrinted, .sortedKeys])
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil { try expected.write(to: file) }
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: [String]]
        #expect(written?["strings"] == words, "specimen expect file: \(file.path) does not list the kashida paragraphs' words")
    }
}
