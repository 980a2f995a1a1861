import DossierContent
import DossierFrames
import DossierKit
import DossierText
import Foundation
import Testing

/// The elongation rules, each on a word chosen to hit it (every join taken as safe: the rules alone).
@Suite struct KashidaRuleTests {
    func point(_ word: String) -> KashidaPoint? {
        KashidaRules.elongationPoint(in: Array(word.unicodeScalars)) { _ in true }
    }

    @Test func afterUserTatweel() {
        // «كـتاب»: the writer's tatweel is lengthened, before any other rule.
        #expect(point("كـتاب") == KashidaPoint(before: 2, extends: 1, rule: .afterUserTatweel))
    }

    @Test func afterSeenOrSad() {
        #expect(point("مسلم") == KashidaPoint(before: 2, extends: 1, rule: .afterSeenOrSad))
        #expect(point("بصير") == KashidaPoint(before: 2, extends: 1, rule: .afterSeenOrSad))
        // A final seen stretches nothing: there is no join after it.
        #expect(point("درس")?.rule != .afterSeenOrSad)
    }

    @Test func beforeFinalTehMarbutaHehDal() {
        #expect(point("حقيقة") == KashidaPoint(before: 4, extends: 3, rule: .beforeFinalTehMarbutaHehDal))
        // A dal never joins the next letter: in «حديقة» it is a final form, and the first place of the rule.
        #expect(point("حديقة") == KashidaPoint(before: 1, extends: 0, rule: .beforeFinalTehMarbutaHehDal))
        #expect(point("محمد") == KashidaPoint(before: 3, extends: 2, rule: .beforeFinalTehMarbutaHehDal))
    }

    @Test func beforeFinalAlefTahLamKafGaf() {
        #expect(point("كتاب") == KashidaPoint(before: 2, extends: 1, rule: .beforeFinalAlefTahLamKafGaf))
        #expect(point("جميل") == KashidaPoint(before: 3, extends: 2, rule: .beforeFinalAlefTahLamKafGaf))
    }

    @Test func beforeMedialBehBeforeRehYeh() {
        // «كبير»: the medial beh before a yeh comes before the final reh (rule 7).
        #expect(point("كبير") == KashidaPoint(before: 1, extends: 0, rule: .beforeMedialBehBeforeRehYeh))
    }

    @Test func beforeFinalWawAinQafFeh() {
        #expect(point("مجتمع") == KashidaPoint(before: 4, extends: 3, rule: .beforeFinalWawAinQafFeh))
        #expect(point("حقوق")?.rule == .beforeFinalWawAinQafFeh)
    }

    @Test func beforeOtherFinal() {
        #expect(point("قلم") == KashidaPoint(before: 2, extends: 1, rule: .beforeOtherFinal))
    }

    @Test func neverInsideLamAlef() {
        // «كلا», «الإسلام» without the seen: no point between lam and alef.
        let candidates = KashidaRules.candidates(in: Array("كلا".unicodeScalars))
        #expect(!candidates.contains { $0.before == 2 })
        #expect(!KashidaRules.candidates(in: Array("تعلام".unicodeScalars)).contains { $0.before == 3 })
    }

    @Test func neverInWordsOfFewerThanThreeLetters() {
        // «عن», «من», «لم» join and «عن» would take a final-letter point; two letters stay as they are.
        for word in ["عن", "من", "لم", "بِه"] {
            #expect(KashidaRules.candidates(in: Array(word.unicodeScalars)).isEmpty, "short-word rule: «\(word)» got a point")
        }
        #expect(point("قلم")?.rule == .beforeOtherFinal, "three letters are enough")
    }

    @Test func neverAtZeroWidthNonJoiner() {
        #expect(KashidaRules.candidates(in: Array("ب\u{200C}ت".unicodeScalars)).isEmpty)
    }

    @Test func neverBeforeAFinalYehUnlessAfterSeen() {
        #expect(point("في") == nil)
        #expect(point("كرسي") == KashidaPoint(before: 3, extends: 2, rule: .afterSeenOrSad))
    }

    @Test func vowelMarksTravelWithTheirLetter() {
        // «مُحَمَّدٌ»: the tatweel goes after the mim and its marks, before the dal.
        let word = Array("مُحَمَّدٌ".unicodeScalars)
        let found = KashidaRules.elongationPoint(in: word) { _ in true }
        #expect(found?.rule == .beforeFinalTehMarbutaHehDal)
        #expect(found.map { word[$0.before] } == "د")
        #expect(found.map { word[$0.extends] } == "م")
    }

    @Test func onlyHarfBuzzSafeJoinsAreUsed() {
        // «مسلم» with the join after the seen unsafe: the next rule's place (before the final mim) is taken.
        let word = Array("مسلم".unicodeScalars)
        #expect(KashidaRules.elongationPoint(in: word) { $0 != 2 }?.rule == .beforeOtherFinal)
        #expect(KashidaRules.elongationPoint(in: word) { _ in false } == nil)
    }
}

/// How a line's slack is shared (Pango units, 1024 a point).
@Suite struct KashidaPlanTests {
    let amiri = KashidaPlan.Site(rule: .afterSeenOrSad, tatweelWidth: 2273)

    @Test func theSharesAddUpToTheSlackExactly() {
        for slack in [1, 999, 2273, 5000, 12_345, 40_000, 123_457] {
            let plan = KashidaPlan.distribute(slack: slack, sites: Array(repeating: amiri, count: 4), spaceCount: 7)
            #expect(plan.elongations.reduce(0, +) + plan.spaces.reduce(0, +) == slack, "slack \(slack)")
        }
    }

    @Test func eachWordTakesOneToThreeTatweelsAndTheRestGoesToSpaces() {
        let plan = KashidaPlan.distribute(slack: 100_000, sites: Array(repeating: amiri, count: 3), spaceCount: 5)
        #expect(plan.elongations == Array(repeating: 3 * 2273, count: 3))
        #expect(plan.spaces.reduce(0, +) == 100_000 - 9 * 2273)
        let small = KashidaPlan.distribute(slack: 1000, sites: [amiri], spaceCount: 2)
        #expect(small.elongations == [0], "less than one tatweel: spaces only")
    }

    @Test func withoutATatweelGlyphOrAPointTheSpacesTakeItAll() {
        let plan = KashidaPlan.distribute(slack: 9000, sites: [], spaceCount: 4)
        #expect(plan.spaces == [2250, 2250, 2250, 2250])
    }

    @Test func betterRulesFirstThenSpreadOverTheLine() {
        let other = KashidaPlan.Site(rule: .beforeOtherFinal, tatweelWidth: 2273)
        let sites = [other, other, other, amiri, other, other]
        #expect(KashidaPlan.preferred(sites, count: 1) == [3])
        // Two more among five equal sites: the 2nd and 4th of them, not both at one end.
        #expect(KashidaPlan.preferred(sites, count: 3) == [1, 3, 4])
    }
}

/// The rules on real fonts: what HarfBuzz allows in Amiri and Noto Naskh Arabic, in a golden dump, and whole
/// paragraphs that fill their measure.
@Suite struct KashidaTypesetTests {
    static let families = ["Amiri", "Noto Naskh Arabic"]
    /// Words chosen to hit each rule and each exclusion.
    static let words = ["كـتاب", "مسلم", "بصير", "الصناعة", "حديقة", "محمد", "كتاب", "جميل", "بتمويل", "كبير", "تقرير",
                        "مجتمع", "حقوق", "قلم", "كلا", "الإسلام", "في", "كرسي", "مُحَمَّدٌ", "ب\u{200C}ت", "لمحمد", "بسم", "عن", "الصِّنَاعَةُ", "كَبِيرٌ"]

    @Test func elongationPointsInEachFontMatchTheGolden() throws {
        let world = try FontWorld(manifest: Support.manifest)
        var dump = ""
        for family in Self.families {
            for word in Self.words {
                let result = KashidaProbe.probe(word, family: family, world: world)
                dump += "\(family)\t\(word)\tsafe \(result.safeJoins)\t-> \(result.elongated ?? "none")\t\(result.rule?.name ?? "-")\n"
            }
        }
        try Support.assertGolden(dump, "kashida-points.txt")
    }

    @Test(arguments: families)
    func namedRulesHoldInTheFont(family: String) throws {
        let world = try FontWorld(manifest: Support.manifest)
        func rule(_ word: String) -> KashidaRule? { KashidaProbe.probe(word, family: family, world: world).rule }
        #expect(rule("كـتاب") == .afterUserTatweel)
        #expect(rule("مسلم") == .afterSeenOrSad)
        #expect(rule("الصناعة") == .afterSeenOrSad)
        #expect(rule("محمد") == .beforeFinalTehMarbutaHehDal)
        #expect(rule("لمحمد") == .beforeFinalTehMarbutaHehDal)
        #expect(rule("جميل") == .beforeFinalAlefTahLamKafGaf)
        #expect(rule("بتمويل") == .beforeFinalAlefTahLamKafGaf)
        #expect(rule("كبير") == .beforeMedialBehBeforeRehYeh)
        #expect(rule("مجتمع") == .beforeFinalWawAinQafFeh)
        #expect(rule("حقوق") == .beforeFinalWawAinQafFeh)
        #expect(rule("تقرير") == .beforeOtherFinal)
        // Vowelled words take the same places as bare ones; the tatweel follows the letter's marks.
        #expect(rule("الصِّنَاعَةُ") == .afterSeenOrSad)
        #expect(KashidaProbe.probe("الصِّنَاعَةُ", family: family, world: world).elongated == "الصِّـنَاعَةُ")
        #expect(rule("كَبِيرٌ") == .beforeMedialBehBeforeRehYeh)
        // Exclusions hold whatever the font.
        #expect(rule("في") == nil)
        #expect(rule("كلا") == nil)
        #expect(KashidaProbe.probe("الإسلام", family: family, world: world).elongated != "الإسلـام")
        #expect(rule("ب\u{200C}ت") == nil)
    }

    @Test func amiriContextualFormsAreNeverBrokenByATatweel() throws {
        // Amiri draws «بسم» and «لمحمد» with forms that depend on their neighbours: HarfBuzz marks those joins
        // unsafe, so the rule's first choice is skipped for a safe one or for none.
        let world = try FontWorld(manifest: Support.manifest)
        #expect(KashidaProbe.probe("بسم", family: "Amiri", world: world).rule == nil)
        #expect(KashidaProbe.probe("بسم", family: "Noto Naskh Arabic", world: world).rule == .afterSeenOrSad)
        let lamMeem = KashidaProbe.probe("لمحمد", family: "Amiri", world: world)
        #expect(lamMeem.elongated == "لمحمـد")
    }

    /// Every justified line either fills its measure to 0.01 pt or says why it could not.
    @Test(arguments: families)
    func everyKashidaLineFillsItsMeasure(family: String) throws {
        let shaper = ParagraphShaper(world: try FontWorld(manifest: Support.manifest))
        var elongatedLines = 0
        for width in [150.0, 200, 241, 310] {
            for text in Specimen.kashidaTexts {
                let spans = [TextSpan(text: text, family: family, size: 11)]
                let settings = ParagraphSettings(alignment: .justify, firstLineIndent: 14, width: width, kashida: true)
                let paragraph = try shaper.shape(spans, settings: settings, place: "test")
                for (index, line) in paragraph.lines.enumerated() {
                    let last = index == paragraph.lines.count - 1
                    let measure = width - (index == 0 ? 14 : 0)
                    let runsWidth = line.runs.map(\.width).reduce(0, +)
                    if last {
                        #expect(line.kashida == nil, "the last line is not justified")
                        continue
                    }
                    let report = try #require(line.kashida, "line \(index + 1) at \(width) pt was not justified")
                    if report.fallback == .nothingToStretch { continue }
                    #expect(abs(line.width - measure) <= 0.01, "line \(index + 1) at \(width) pt: \(line.width) for \(measure)")
                    #expect(abs(runsWidth - measure) <= 0.01)
                    // The start (right) edge stays where it was: the line now spans the whole measure.
                    #expect(abs(line.x) <= 0.01)
                    if !report.rules.isEmpty { elongatedLines += 1 }
                }
            }
        }
        #expect(elongatedLines > 10, "kashida was used on \(elongatedLines) lines only")
    }

    /// Vowelled words are elongated too, and every vowel mark keeps its place over or under its letter: the
    /// tatweels go before the letter's marks, whose positions are measured from the letter's pen position.
    @Test(arguments: families)
    func vowelMarksStayOnTheirLetterWhenItIsStretched(family: String) throws {
        let world = try FontWorld(manifest: Support.manifest)
        let shaper = ParagraphShaper(world: world)
        let tatweel = try #require(KashidaProbe.tatweelGlyph(family: family, world: world))
        let spans = [TextSpan(text: Specimen.vowelledKashidaText, family: family, size: 11)]
        func shape(kashida: Bool) throws -> [GlyphRun] {
            try shaper.shape(spans, settings: ParagraphSettings(alignment: .justify, width: 241, kashida: kashida), place: "t")
                .lines.flatMap(\.runs)
        }
        let plain = try shape(kashida: false), stretched = try shape(kashida: true)
        try #require(plain.count == stretched.count)
        var stretchedVowelled = 0, marks = 0
        for (a, b) in zip(plain, stretched) where a.isRightToLeft {
            try #require(a.clusters.count == b.clusters.count, "«\(a.text)»: the tatweels joined existing clusters")
            let offsetsA = markOffsets(a, tatweel: tatweel), offsetsB = markOffsets(b, tatweel: tatweel)
            #expect(offsetsA.count == offsetsB.count)
            for (x, y) in zip(offsetsA, offsetsB) {
                // Up to 0.04 em is the text layer's nudge of a letter that kerning left too far from its neighbour
                // (GlyphRunBuilder.closeWordGaps), which may differ once the line is stretched; a mark left
                // behind by the elongation would move by a tatweel's width, 0.2 em or more.
                #expect(abs(x - y) <= 0.05 * 11, "vowel-mark rule: in «\(a.text)» a mark moved \(y - x) pt from its letter")
            }
            marks += offsetsA.count
            if b.glyphs.contains(where: { $0.id == tatweel }) && b.text.unicodeScalars.contains(where: isMark) {
                stretchedVowelled += 1
            }
        }
        #expect(marks > 50 && stretchedVowelled > 0, "\(family): \(marks) marks, \(stretchedVowelled) vowelled runs stretched")
    }

    func isMark(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.generalCategory == .nonspacingMark }

    /// For each one-glyph cluster that is a vowel mark, its x minus that of its letter (the next cluster that is
    /// not a mark, in visual order: HarfBuzz puts a letter's marks before it; its glyph that is not a tatweel).
    func markOffsets(_ run: GlyphRun, tatweel: UInt32) -> [Double] {
        let bytes = Array(run.text.utf8)
        var clusters: [(text: String, glyphs: Range<Int>)] = []
        var glyph = 0, byte = bytes.count
        for cluster in run.clusters.reversed() {
            // Right to left: clusters are listed in logical order; taken backwards, their glyphs are in visual order
            // and their bytes come from the end of the text.
            byte -= cluster.byteCount
            clusters.append((String(decoding: bytes[byte..<(byte + cluster.byteCount)], as: UTF8.self), glyph..<(glyph + cluster.glyphCount)))
            glyph += cluster.glyphCount
        }
        var offsets: [Double] = []
        for (index, cluster) in clusters.enumerated() where cluster.text.unicodeScalars.allSatisfy(isMark) {
            guard let base = clusters[(index + 1)...].first(where: { !$0.text.unicodeScalars.allSatisfy(isMark) }),
                  let letter = base.glyphs.first(where: { run.glyphs[$0].id != tatweel }) else { continue }
            offsets.append(run.glyphs[cluster.glyphs.lowerBound].x - run.glyphs[letter].x)
        }
        return offsets
    }

    @Test func numbersCodesAndLatinAreNeverElongated() throws {
        let world = try FontWorld(manifest: Support.manifest)
        let shaper = ParagraphShaper(world: world)
        let text = "المشاريع المبرمجة 2015 – 2020 بمبلغ 1 250 000 درهم والرمز TAO-2016/07 والمبادرة INDH وكذلك "
            + "الأرقام الهندية ٢٨٬٢٥ والبرنامج الوطني للتنمية البشرية المستدامة في جميع الجماعات القروية للإقليم"
        let paragraph = try shaper.shape([TextSpan(text: text, family: "Amiri", size: 11)],
                                         settings: ParagraphSettings(alignment: .justify, width: 160, kashida: true), place: "test")
        let tatweel = try #require(KashidaProbe.tatweelGlyph(family: "Amiri", world: world))
        var elongated = 0
        for run in paragraph.lines.flatMap(\.runs) {
            let hasTatweel = run.glyphs.contains { $0.id == tatweel }
            if hasTatweel { elongated += 1 }
            #expect(!run.text.unicodeScalars.contains("\u{0640}"), "a run's text never gains a tatweel")
            if !run.isRightToLeft || run.text.unicodeScalars.contains(where: { $0.isASCII && $0.properties.isAlphabetic }) {
                #expect(!hasTatweel, "elongated left-to-right run «\(run.text)»")
            }
            if run.text.unicodeScalars.contains(where: { (0x0660...0x0669).contains($0.value) }) {
                #expect(!hasTatweel || run.text.count > 8, "Arabic-Indic digits elongated in «\(run.text)»")
            }
        }
        #expect(elongated > 0)
    }

    @Test func withoutTheStyleNothingChanges() throws {
        let shaper = ParagraphShaper(world: try FontWorld(manifest: Support.manifest))
        let spans = [TextSpan(text: Specimen.kashidaTexts[0], family: "Amiri", size: 11)]
        let plain = try shaper.shape(spans, settings: ParagraphSettings(alignment: .justify, width: 200), place: "t")
        #expect(plain.lines.allSatisfy { $0.kashida == nil })
        let ltr = try shaper.shape(spans, settings: ParagraphSettings(rightToLeft: false, alignment: .justify, width: 200, kashida: true),
                                   place: "t")
        #expect(ltr.lines.allSatisfy { $0.kashida == nil }, "left-to-right paragraphs are justified by Pango")
    }
}
