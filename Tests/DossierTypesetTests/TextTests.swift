import DossierFrames
import DossierText
import Foundation
import Testing

@Suite struct BidiIsolationTests {
    let lri = "\u{2066}", pdi = "\u{2069}"

    @Test func numbersRangesAndCodesAreIsolatedWhole() {
        // A word joiner after each space of a spaced range or a grouped amount: lines never break there.
        #expect(BidiIsolation.isolate("الفترة 2015 – 2020 فقط") == "الفترة \(lri)2015 \u{2060}– \u{2060}2020\(pdi) فقط")
        #expect(BidiIsolation.isolate("المبلغ 1 250 000 درهم") == "المبلغ \(lri)1 \u{2060}250 \u{2060}000\(pdi) درهم")
        #expect(BidiIsolation.isolate("28,25 مليون درهم") == "\(lri)28,25\(pdi) مليون درهم")
        // A word joiner after a dash or slash keeps the code on one line.
        #expect(BidiIsolation.isolate("الرقم TAO-2016/07.") == "الرقم \(lri)TAO-\u{2060}2016/\u{2060}07\(pdi).")
    }

    @Test func latinWordsAndBracketsStayTogether() {
        #expect(BidiIsolation.isolate("مبادرة INDH هنا") == "مبادرة \(lri)INDH\(pdi) هنا")
        #expect(BidiIsolation.isolate("بصيغة (PDF) عبر") == "بصيغة \(lri)(PDF)\(pdi) عبر")
        // The spaces of a Latin phrase stay break opportunities.
        #expect(BidiIsolation.isolate("إقليم Taounate Province اليوم") == "إقليم \(lri)Taounate Province\(pdi) اليوم")
    }

    @Test func arabicIndicDigitsAndPlainArabicAreLeftAlone() {
        #expect(BidiIsolation.isolate("٢٨٬٢٥ مليون") == "٢٨٬٢٥ مليون")
        #expect(BidiIsolation.isolate("لا شيء هنا") == "لا شيء هنا")
    }

    @Test func aCellWithOnlyANumberIsIsolatedToo() {
        #expect(BidiIsolation.isolate("1 250 000") == "\(lri)1 \u{2060}250 \u{2060}000\(pdi)")
    }

    @Test func isolatedRangesAreFound() {
        let bytes = Array(BidiIsolation.isolate("من 2015 إلى 2020").utf8)
        #expect(BidiIsolation.isolatedRanges(in: bytes).count == 2)
    }
}

@Suite struct FontWorldTests {
    @Test func manifestDeclaresTheProjectFonts() throws {
        let world = try FontWorld(manifest: Support.manifest)
        #expect(world.families.isSuperset(of: ["Amiri", "Noto Naskh Arabic", "Noto Sans Arabic"]))
        #expect(world.allowedFamilies(for: "Noto Naskh Arabic") == ["Noto Naskh Arabic", "Amiri"])
    }

    @Test func aMissingFontNamesThePackageToInstall() throws {
        let folder = try Support.scratch("manifest")
        let manifest = folder.appendingPathComponent("fonts.txt")
        try "font NoSuchFont-Regular.ttf fonts-nosuch\n".write(to: manifest, atomically: true, encoding: .utf8)
        #expect(throws: TextError.self) { try FontWorld(manifest: manifest) }
        do { _ = try FontWorld(manifest: manifest) } catch {
            #expect("\(error)".contains("apt-get install fonts-nosuch"))
            #expect("\(error)".contains("NoSuchFont-Regular.ttf"))
        }
    }

    @Test func aMalformedManifestLineIsReportedWithItsLine() throws {
        #expect(throws: TextError.badManifest(file: "x/fonts.txt", line: 2,
                                              message: "expected `search FOLDER`, `font FILE PACKAGE` or `fallback A -> B`, found «nonsense here»")) {
            try FontCatalog.parse("# ok\nnonsense here\n", manifestPath: "x/fonts.txt")
        }
    }
}

@Suite struct ShapingTests {
    func shaper() throws -> ParagraphShaper { ParagraphShaper(world: try FontWorld(manifest: Support.manifest)) }

    @Test func arabicIsShapedRightToLeftWithJoiningForms() throws {
        let shaped = try shaper().shape([TextSpan(text: "السلام", family: "Amiri", size: 12)],
                                        settings: ParagraphSettings(width: nil), place: "test")
        let run = try #require(shaped.lines.first?.runs.first)
        #expect(run.isRightToLeft)
        #expect(run.text == "السلام")
        #expect(run.font.family == "Amiri")
        // Joined letters use contextual glyphs: the two lams of «السلام» are drawn with different glyphs.
        #expect(Set(run.glyphs.map(\.id)).count >= 4)
        #expect(run.clusters.reduce(0) { $0 + $1.byteCount } == run.text.utf8.count)
        #expect(run.clusters.reduce(0) { $0 + $1.glyphCount } == run.glyphs.count)
    }

    @Test func anUndeclaredFamilyIsRefused() throws {
        #expect(throws: TextError.self) {
            try shaper().shape([TextSpan(text: "نص", family: "Arial", size: 12)], settings: ParagraphSettings(width: nil),
                               place: "Layouts/x.xml:3:4")
        }
    }

    @Test func anUncoveredCharacterIsReportedWithItsCodePointAndPlace() throws {
        do {
            _ = try shaper().shape([TextSpan(text: "نص 中 هنا BENCH-40", family: "Amiri", size: 12)],
                                   settings: ParagraphSettings(width: nil), place: "block 3")
            Issue.record("no error")
        } catch let error as TextError {
            #expect(error.description.contains("U+4E2D"))
            #expect(error.description.contains("block 3"))
            // The text is quoted as written: none of the isolates and word joiners shaping adds to a code.
            #expect(error.description.contains("«نص 中 هنا BENCH-40»"), "\(error.description.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func tableFontFallsBackToAmiriForPercentAndBrackets() throws {
        let shaped = try shaper().shape([TextSpan(text: "النسبة (12,5 %)", family: "Noto Naskh Arabic", size: 10)],
                                        settings: ParagraphSettings(width: nil), place: "test")
        let families = Set(shaped.lines.flatMap(\.runs).map(\.font.family))
        #expect(families == ["Noto Naskh Arabic", "Amiri"])
    }

    @Test func justifiedLinesFillTheWidth() throws {
        let text = String(repeating: "تهدف الاتفاقية إلى تثمين المنتوج الحرفي المحلي. ", count: 6)
        let shaped = try shaper().shape([TextSpan(text: text, family: "Amiri", size: 12)],
                                        settings: ParagraphSettings(alignment: .justify, width: 300), place: "test")
        #expect(shaped.lines.count > 2)
        for line in shaped.lines.dropLast() { #expect(abs(line.width - 300) < 1.5, "line width \(line.width)") }
    }

    @Test func runStylesReachTheGlyphs() throws {
        let s = try shaper()
        let text = "تهدف الاتفاقية إلى تثمين المنتوج"
        func line(_ span: TextSpan) throws -> ShapedLine {
            try #require(try s.shape([span], settings: ParagraphSettings(width: nil), place: "t").lines.first)
        }
        let plain = try line(TextSpan(text: text, family: "Amiri", size: 12))
        let spaced = try line(TextSpan(text: text, family: "Amiri", size: 12, wordSpacing: 5))
        #expect(abs(spaced.width - plain.width - 4 * 5) < 0.5, "four spaces, 5 pt each: \(spaced.width - plain.width)")
        let latin = try line(TextSpan(text: "INDH", family: "Amiri", size: 12, letterSpacing: 2))
        let latinPlain = try line(TextSpan(text: "INDH", family: "Amiri", size: 12))
        #expect(latin.width > latinPlain.width + 6)
        let bold = try line(TextSpan(text: text, family: "Amiri", size: 12, bold: true, color: Color(red: 1, green: 0, blue: 0)))
        #expect(bold.runs.allSatisfy { $0.font.file.hasSuffix("Amiri-Bold.ttf") && $0.color == Color(red: 1, green: 0, blue: 0) })
        let italic = try line(TextSpan(text: text, family: "Amiri", size: 12, italic: true))
        #expect(italic.runs.allSatisfy { $0.font.file.hasSuffix("Amiri-Slanted.ttf") })
    }

    @Test func rtlStartAlignmentIsTheRightEdge() throws {
        let s = try shaper()
        let rtl = try s.shape([TextSpan(text: "نص قصير", family: "Amiri", size: 12)],
                              settings: ParagraphSettings(rightToLeft: true, alignment: .start, width: 300), place: "t")
        let ltr = try s.shape([TextSpan(text: "short text", family: "Amiri", size: 12)],
                              settings: ParagraphSettings(rightToLeft: false, alignment: .start, width: 300), place: "t")
        let rtlLine = try #require(rtl.lines.first), ltrLine = try #require(ltr.lines.first)
        #expect(abs(rtlLine.x + rtlLine.width - 300) < 0.5)
        #expect(abs(ltrLine.x) < 0.5)
    }
}
