import DossierFrames
import DossierText
import Foundation
import Testing

/// The text layer written into PDFs: what viewers (PDFium, poppler, MuPDF) rebuild the text from.
@Suite struct TextLayerTests {
    func shaper() throws -> ParagraphShaper { ParagraphShaper(world: try FontWorld(manifest: Support.manifest)) }

    func shape(_ text: String, family: String = "Amiri", width: Double? = nil) throws -> ShapedParagraph {
        try shaper().shape([TextSpan(text: text, family: family, size: 12)], settings: ParagraphSettings(width: width), place: "test")
    }

    /// Rule: a right-to-left run's clusters are written left to right, each with its text reversed, so that a
    /// viewer reversing the line gets the logical text back.
    @Test func rightToLeftRunsAreWrittenInVisualOrderWithReversedClusterText() throws {
        let run = try #require(try shape("بطاقة المشروع").lines.first?.runs.first)
        let visual = run.shaped.visualText()
        #expect(String(visual.text.reversed()) == run.text, "visual-order rule: reversing the written text must give «\(run.text)», got «\(visual.text)»")
        #expect(visual.clusters.reduce(0) { $0 + $1.glyphCount } == run.glyphs.count)
        #expect(visual.clusters.reduce(0) { $0 + $1.byteCount } == visual.bytes.count)
    }

    /// Rule: left-to-right runs (isolated numbers and codes) keep their text and order.
    @Test func leftToRightRunsKeepTheirOrder() throws {
        let runs = try shape("الرقم TAO-2016/01 هنا").lines.flatMap(\.runs)
        let code = try #require(runs.first { !$0.isRightToLeft && $0.text.contains("TAO") })
        #expect(code.shaped.visualText().text == code.text)
    }

    /// Rule: in a right-to-left run, a cluster of a letter and its vowel marks gets one character per glyph
    /// (Cairo would otherwise wrap it in an /ActualText span, where extractors break the word).
    @Test func vowelMarkClustersAreSplitOneCharacterPerGlyph() throws {
        let run = try #require(try shape("كَتَبَ").lines.first?.runs.first)
        let visual = run.shaped.visualText()
        #expect(visual.clusters.allSatisfy { $0.glyphCount == 1 }, "vowel-mark split rule: clusters \(visual.clusters)")
        #expect(String(visual.text.unicodeScalars.reversed().map(Character.init)) == run.text)
    }

    /// Rule: numbers, ranges and codes inside Arabic are isolated whole, left to right: «2015 – 2020» is one
    /// left-to-right run, drawn with 2015 on the left.
    @Test func numbersInsideArabicAreIsolatedWhole() throws {
        let runs = try shape("الفترة 2015 – 2020 فقط").lines.flatMap(\.runs)
        let range = runs.filter { !$0.isRightToLeft }
        #expect(range.count == 1 && range.first?.text == "2015 – 2020",
                "bidi-isolation rule: the range is drawn as \(range.map(\.text)) (left-to-right runs)")
        let amount = try shape("المبلغ 1 250 000 درهم").lines.flatMap(\.runs).filter { !$0.isRightToLeft }
        #expect(amount.map(\.text) == ["1 250 000"], "bidi-isolation rule: the amount is drawn as \(amount.map(\.text))")
    }

    /// Rule: inside isolates the fonts' Arabic localised punctuation is off: the full stop in «28.250.000,00» is
    /// Amiri's Latin full stop, not its raised Arabic dot.
    @Test func numbersKeepTheirLatinPunctuationInsideArabic() throws {
        let inArabic = try #require(try shape("المبلغ 28.250.000,00 درهم").lines.flatMap(\.runs).first { !$0.isRightToLeft })
        let latin = try #require(try shaper().shape([TextSpan(text: "28.250.000,00", family: "Amiri", size: 12)],
                                                   settings: ParagraphSettings(rightToLeft: false, width: nil), place: "test").lines.first?.runs.first)
        #expect(inArabic.glyphs.map(\.id) == latin.glyphs.map(\.id),
                "locl-off rule: «28.250.000,00» inside Arabic uses glyphs \(inArabic.glyphs.map(\.id)), in Latin text \(latin.glyphs.map(\.id))")
    }

    /// Rule: brackets in right-to-left text are written as the character the reader sees (the mirrored glyph):
    /// PDFium mirrors them back when it reverses the line.
    @Test func bracketsInRightToLeftRunsAreWrittenMirrored() throws {
        let runs = try shape("(المرحلة الأولى)").lines.flatMap(\.runs)
        let run = try #require(runs.first { $0.isRightToLeft && $0.text.contains("(") })
        let visual = run.shaped.visualText().text
        #expect(visual.hasPrefix("(") && visual.hasSuffix(")"), "bracket-mirroring rule: written «\(visual)» for «\(run.text)»")
    }

    /// Rule: glyph positions are not rounded to whole points (rounding leaves gaps inside words where poppler
    /// breaks them): some glyph of an ordinary word sits at a fractional position.
    @Test func glyphPositionsAreNotRounded() throws {
        let run = try #require(try shape("المملكة المغربية وزارة الداخلية").lines.first?.runs.first)
        let fractional = run.glyphs.filter { ($0.x * 1024).rounded() / 1024 != $0.x.rounded() }
        #expect(!fractional.isEmpty, "unrounded-positions rule: every glyph sits on a whole point")
    }

    /// Rule: codes, acronyms, amounts and dates are never hyphenated or split across lines, however narrow the column.
    @Test func latinTokensAndNumbersAreNeverSplit() throws {
        // Spaced ranges and grouped amounts too: the spaces of a Latin phrase may break, these never.
        for token in ["(FDRZM)", "28.250.000,00", "TAO-ART-2016/01", "2017–2023", "2015 – 2020", "1 250 000"] {
            let paragraph = try shape("صندوق \(token) للتنمية", family: "Noto Naskh Arabic", width: 75)
            let texts = paragraph.lines.map { $0.runs.map(\.text).joined() }
            let holding = texts.filter { line in line.unicodeScalars.contains { BidiIsolationProbe.isLatinOrDigit($0) } }
            #expect(holding.count == 1, "no-split rule: «\(token)» spread over lines \(texts)")
            #expect(!texts.joined().contains("\u{2010}") && !texts.joined().contains("-\n"),
                    "no-hyphen rule: «\(token)» hyphenated in \(texts)")
            #expect(holding.first.map { Support.loose($0).contains(Support.loose(token)) } == true, "no-split rule: «\(token)» not whole in \(texts)")
        }
    }
}

enum BidiIsolationProbe {
    static func isLatinOrDigit(_ s: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(s.value) || (0x41...0x5A).contains(s.value) || (0x61...0x7A).contains(s.value)
    }
}
