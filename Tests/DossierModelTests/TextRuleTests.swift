import DossierModel
import Foundation
import Testing

/// Issue 11, rules 3 and 5: texts hold no control character (from YAML, JSON or CSV), only characters the
/// dossier fonts draw, and no more characters than fit where they are printed; and the data gives the
/// dossiers something to render.
@Suite struct TextRuleTests {
    func lines(replacing old: String, with new: String) throws -> [String] {
        try Fixtures.loadMinimal(replacing: old, with: new).problems.map(\.description)
    }

    /// YAML escapes for C0 (with tab and line feed in a one-line field), DEL and C1 controls.
    @Test(arguments: [("\\0", "U+0000"), ("\\x01", "U+0001"), ("\\e", "U+001B"), ("\\x7F", "U+007F"), ("\\x85", "U+0085"),
                      ("\\x9B", "U+009B"), ("\\r", "U+000D")])
    func controlCharactersInYAMLAreRefused(escape: String, codePoint: String) throws {
        #expect(try lines(replacing: "title: المشروع الأول", with: "title: \"المشروع\(escape) الأول\"") == [
            "minimal.yaml:17:5: error: projects[0].title: control character \(codePoint) (character 8) is not allowed in text",
        ])
    }

    @Test func tabsAndLineBreaksOnlyInDescriptionsAndNotes() throws {
        #expect(try lines(replacing: "title: المشروع الأول", with: "title: \"المشروع\\nالأول\"") == [
            "minimal.yaml:17:5: error: projects[0].title: a line break or tab (U+000A, character 8) is not allowed here; only descriptions and notes may span several lines",
        ])
        #expect(try lines(replacing: "    place: مقر العمالة", with: "    place: \"مقر\\tالعمالة\"") == [
            "minimal.yaml:34:5: error: meetings[0].place: a line break or tab (U+0009, character 4) is not allowed here; only descriptions and notes may span several lines",
        ])
        #expect(try lines(replacing: "    amount: 3 M", with: "    amount: 3 M\n    description: \"سطر أول\\nسطر ثان\\tمع جدولة\"").isEmpty)
        #expect(try lines(replacing: "    amount: 3 M", with: "    amount: 3 M\n    description: \"سطر\\r\\nثان\"") == [
            "minimal.yaml:20:5: error: projects[0].description: control character U+000D (character 4) is not allowed in text",
        ])
    }

    @Test(arguments: ["\\u0000", "\\u0007", "\\u007f", "\\u0085", "\\u009f"])
    func controlCharactersInJSONAreRefused(escape: String) throws {
        let text = try Fixtures.text("minimal.json").replacingOccurrences(of: "\"T-1\"", with: "\"T\(escape)1\"")
        let result = ConventionLoader.load(text: text, display: "minimal.json", folder: Fixtures.folder)
        let codePoint = "U+" + escape.dropFirst(2).uppercased()
        #expect(result.problems.map(\.description) == [
            "minimal.json:3:5: error: convention.reference: control character \(codePoint) (character 2) is not allowed in text",
        ])
    }

    @Test(arguments: ["\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9C}"])
    func controlCharactersInCSVAreRefused(control: String) throws {
        let projects = try Fixtures.text("projects.csv").replacingOccurrences(of: "بوعادل", with: "بو\(control)عادل")
        let lines = try CSVFolder(projects: projects).load().problems.map(\.description)
        let codePoint = control.unicodeScalars.first.map { "U+" + String(format: "%04X", $0.value) } ?? ""
        #expect(lines == ["data/projects.csv:2:18: error: projects[0].locations[0].commune: control character \(codePoint) (character 3) is not allowed in text"])
    }

    @Test func messagesNeverCarryARawControlCharacter() throws {
        let result = try Fixtures.loadMinimal(replacing: "amount: 3 M", with: "amount: \"3\\0\\r\\n M\"")
        #expect(result.problems.map(\.message) == [
            "«3[U+0000][U+000D][U+000A] M» is not an amount; write dirhams (28250000 or 2410000.50) or millions with M (5.3 M), at most 2 decimals of a dirham",
            "cannot check that the projects add up to the total: projects[0].amount could not be read (see the errors there)",
            "cannot check that the financing lines of project P1 add up to its amount: projects[0].amount could not be read (see the errors there)",
        ])
        #expect(!result.problems.contains { $0.description.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) } })
    }

    @Test func charactersNoFontDrawsAreRefusedWithTheirCodePoint() throws {
        #expect(try lines(replacing: "title: المشروع الأول", with: "title: المشروع ⵜⴰⵎⴰⵣⵉⵖⵜ") == [
            "minimal.yaml:17:5: error: projects[0].title: U+2D5C TIFINAGH LETTER YAT (character 9) is not in the dossier fonts; text may use Arabic and Latin letters, digits and common punctuation (docs/schema.md lists them)",
        ])
        #expect(try lines(replacing: "name: الوزارة", with: "name: الوزارة 😀") == [
            "minimal.yaml:10:5: error: partners[0].name: U+1F600 GRINNING FACE (character 9) is not in the dossier fonts; text may use Arabic and Latin letters, digits and common punctuation (docs/schema.md lists them)",
        ])
        // Bidirectional overrides would reorder the text the dossiers print.
        #expect(try lines(replacing: "place: مقر العمالة", with: "place: \"مقر\\u202Eالعمالة\"").count == 1)
    }

    @Test func everyCharacterOfTheSampleIsDrawable() throws {
        let sample = try String(contentsOf: Fixtures.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        let undrawable = sample.unicodeScalars.filter { $0 != "\n" && !TextRule.isDrawable($0) }
        #expect(undrawable.isEmpty, "\(undrawable.map { String($0.value, radix: 16) })")
    }

    @Test func textsLongerThanTheirPlaceAreRefused() throws {
        let word = String(repeating: "ب", count: 5_000)
        #expect(try lines(replacing: "title: المشروع الأول", with: "title: \(word)") == [
            "minimal.yaml:17:5: error: projects[0].title: the text is 5000 characters long; at most 300 are allowed here (a table row must fit on one page)",
        ])
        let title = Array(repeating: "مشروع", count: 3_400).joined(separator: " ")
        #expect(try lines(replacing: "  title: اتفاقية تجريبية", with: "  title: \(title)") == [
            "minimal.yaml:3:3: error: convention.title: the text is 20399 characters long; at most 300 are allowed here (a table row must fit on one page)",
        ])
        let code = String(repeating: "P", count: 300)
        #expect(try lines(replacing: "code: P1", with: "code: \(code)") == [
            "minimal.yaml:16:5: error: projects[0].code: the text is 300 characters long; at most 40 are allowed here (codes and ids name files and fit narrow table columns)",
        ])
        #expect(try lines(replacing: "  province: إقليم تاونات", with: "  province: \(String(repeating: "ت", count: 81))") == [
            "minimal.yaml:6:3: error: convention.province: the text is 81 characters long; at most 80 are allowed here (it is printed in every page header)",
        ])
    }

    @Test func textsAtTheirLimitAreAccepted() throws {
        let result = try Fixtures.loadMinimal(replacing: "title: المشروع الأول", with: "title: \(String(repeating: "ب", count: 300))")
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func partnersHeadingAColumnNeedShortNames() throws {
        let name = String(repeating: "و", count: 25)
        #expect(try lines(replacing: "name: الوزارة", with: "name: \(name)") == [
            "minimal.yaml:10:5: error: partners[0].name: the name is 25 characters long and the partner has no short_name: it would head a narrow column of the financing matrix; give a short_name of at most 24 characters",
        ])
        #expect(try lines(replacing: "name: الوزارة", with: "name: \(name)\n    short_name: الوزارة").isEmpty)
        #expect(try lines(replacing: "name: الوزارة", with: "name: الوزارة\n    short_name: \(name)") == [
            "minimal.yaml:11:5: error: partners[0].short_name: the text is 25 characters long; at most 24 are allowed here (it heads a narrow column of the financing matrix)",
        ])
    }

    @Test func manyCommunesAndDouarsAreRefusedTogether() throws {
        let douars = (1...20).map { "دوار رقم \($0)" }.joined(separator: ", ")
        let lines = try lines(replacing: "locations: [{commune: بوعادل}]", with: "locations: [{commune: بوعادل, douars: [\(douars)]}]")
        #expect(lines == [
            "minimal.yaml:18:5: error: projects[0].locations: the communes and douars of project P1 come to 257 characters; at most 150 are allowed (they share a narrow column of the projects table)",
        ])
    }

    @Test func tooManyPartnersAreRefused() throws {
        let extra = (1...19).map { "  - {id: extra\($0), name: شريك \($0), kind: other}\n" }.joined()
        let lines = try lines(replacing: "projects:\n", with: extra + "projects:\n")
        #expect(lines.first == "minimal.yaml:8:1: error: partners: the convention has 21 partners; at most 20 fit the financing matrix (a column each) and the legend of the partners' shares on a page", "\(lines)")
    }

    @Test func theDataMustGiveTheDossiersSomethingToRender() throws {
        let yaml = try Fixtures.text("minimal.yaml")
        let noProjects = String(yaml[..<yaml.range(of: "projects:")!.lowerBound]) + "projects: []\n"
        #expect(ConventionLoader.load(text: noProjects, display: "minimal.yaml", folder: Fixtures.folder).errors.map(\.description).contains(
            "minimal.yaml:15:1: error: projects: the convention has no project; give at least one (under «projects» or in an imported CSV file)"))
        let noPartners = yaml.replacingOccurrences(of: "partners:\n  - id: ministry\n    name: الوزارة\n    kind: ministry\n  - id: indh\n    name: المبادرة الوطنية\n    kind: agency\n",
                                                   with: "partners: []\n")
        let partnerErrors = ConventionLoader.load(text: noPartners, display: "minimal.yaml", folder: Fixtures.folder).errors.map(\.description)
        #expect(partnerErrors.first == "minimal.yaml:8:1: error: partners: the convention has no partner; give at least one (its signatories)", "\(partnerErrors)")
        let noFinancing = yaml.replacingOccurrences(of: "      - {partner: ministry, amount: 2 M}\n      - {partner: indh, amount: 1 M}\n", with: "")
            .replacingOccurrences(of: "      - {partner: ministry, amount: 1000000}\n      - {partner: indh, amount: 1 M}\n", with: "")
            .replacingOccurrences(of: "    financing:\n", with: "")
        #expect(ConventionLoader.load(text: noFinancing, display: "minimal.yaml", folder: Fixtures.folder).errors.map(\.description) == [
            "minimal.yaml:15:1: error: projects: no project has financing lines; the dossiers chart the financing by partner, so give at least one project its financing (partner and amount)",
        ])
        let zero = yaml.replacingOccurrences(of: "total_amount: 5 M", with: "total_amount: 0").replacingOccurrences(of: "amount: 3 M", with: "amount: 0")
            .replacingOccurrences(of: "amount: 2000000", with: "amount: 0").replacingOccurrences(of: "amount: 2 M}", with: "amount: 0}")
            .replacingOccurrences(of: "amount: 1 M}", with: "amount: 0}").replacingOccurrences(of: "amount: 1000000}", with: "amount: 0}")
            .replacingOccurrences(of: "committed: 2 M, disbursed: 1 M", with: "committed: 0, disbursed: 0")
        #expect(ConventionLoader.load(text: zero, display: "minimal.yaml", folder: Fixtures.folder).errors.map(\.description) == [
            "minimal.yaml:7:3: error: convention.total_amount: the convention total is 0; the dossiers present and chart amounts, so give the real total",
        ])
    }
}
