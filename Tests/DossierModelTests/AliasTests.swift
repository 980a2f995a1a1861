import DossierModel
import Foundation
import Testing

/// Convention data takes no YAML alias (`YAMLAliases`): a 441-byte file whose keys were aliases of aliases kept the
/// server busy for minutes while Yams hashed its keys. A `*` that is text (quoted, in a comment, in a block scalar,
/// inside a plain scalar) is not an alias and is read as before.
@Suite struct AliasTests {
    /// Each places an alias in the minimal fixture where YAML reads one, and where the error must point.
    @Test(arguments: [
        ("    title: المشروع الأول", "    title: *t", "17:12", "t"),
        ("  - code: P1", "  - code: P1\n    keywords: [a, *k]", "17:19", "k"),
        ("  - code: P1", "  - code: P1\n    keywords: {a: *k}", "17:19", "k"),
        ("  - code: P1", "  - code: P1\n    keywords:\n      - *k", "18:9", "k"),
        ("  - code: P1", "  - code: P1\n    ? *k\n    : 1", "17:7", "k"),
        // Ways past a scanner that followed quotes and blocks of text (a review found them): CR LF lines, a colon
        // straight after a quoted key, a key beside a `|` block, a value continued on a line opening with a quote.
        ("  - code: P1", "  - code: P1\r\n    keywords:\r\n      - *k", "18:9", "k"),
        ("  - code: P1", "  - code: P1\n    keywords: {\"a\":*k}", "17:20", "k"),
        ("  - code: P1", "  - code: P1\n    description: |\n      نص\n    keywords: *k", "19:15", "k"),
        ("  - code: P1", "  - code: P1\n    description: Travaux de\n      'amenagement\n    keywords: *k", "19:15", "k"),
    ])
    func anAliasIsALocatedError(old: String, new: String, place: String, name: String) throws {
        let lines = try Fixtures.loadMinimal(replacing: old, with: new).problems.map(\.description)
        #expect(lines == ["minimal.yaml:\(place): error: «*\(name)» is read as a YAML alias, and convention data takes none (an alias can make a small file stand for millions of values): write the value out where it is needed; a * that is text must not be followed directly by a Latin letter or digit here"],
                "\(lines)")
    }

    /// The shape the hostile file had: anchors of ten aliases each, and aliases as keys.
    @Test func theKeyBombIsRefusedAtItsFirstAlias() {
        var text = "x: &a0 [\"lol\", \"lol\"]\n"
        for level in 1...7 { text += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n" }
        text += "? *a7\n: 1\n? [*a7]\n: 2\n"
        let problems = ConventionLoader.load(text: text, display: "bomb.yaml", folder: Fixtures.folder).problems.map(\.description)
        #expect(problems.first?.hasPrefix("bomb.yaml:2:10: error: «*a0» is read as a YAML alias") == true, "\(problems)")
    }

    /// Stars that are text: the convention loads as it did.
    @Test(arguments: [
        "    title: \"*المشروع الأول\"",
        "    title: '*المشروع الأول'",
        "    title: المشروع *الأول",
        "    title: المشروع الأول # *not an alias",
        "    title: \"المشروع\n      *الأول\"",
        "    title: المشروع الأول\n    description: |\n      * المشروع\n      * الأول",
        "    title: >-\n      *المشروع الأول",
        "    title: http://example.org/*",
        "    title: \"المشروع, *الأول\"",
        "    title: \"الملحق [*]\"",
        "    title: المشروع * الأول",
    ])
    func starsThatAreTextAreRead(title: String) throws {
        let result = try Fixtures.loadMinimal(replacing: "    title: المشروع الأول", with: title)
        #expect(result.isValid, "\(result.problems.map(\.description))")
        let project = result.convention?.projects.first
        let read = (project?.title ?? "") + (project?.description ?? "")
        #expect(read.contains("*") == !title.contains("#"), "\(read)")
    }

    /// A file of thousands of unknown keys: the first thousand problems are listed, the others counted in one more.
    @Test func problemsPastAThousandAreCountedNotListed() {
        let text = (0..<1500).map { "k\($0): v\n" }.joined()
        let problems = ConventionLoader.load(text: text, display: "keys.yaml", folder: Fixtures.folder).problems
        #expect(problems.count == 1001, "\(problems.count)")
        #expect(problems.last?.description.hasPrefix("keys.yaml: error: … and ") == true
                && problems.last?.description.contains("503 more error(s) and 0 more warning(s) not listed (only the first 1000 problems are)") == true,
                "\(problems.last?.description ?? "")")
    }

    /// Warnings past the thousand leave a file valid: the line that counts them is a warning then.
    @Test func warningsPastAThousandLeaveTheFileValid() throws {
        let projects = (1...1005).map { "  - {code: P\($0), title: مشروع, amount: 1000, financing: [{partner: ministry, amount: 1000}]}" }
        let text = """
            convention: {reference: R1, title: اتفاقية, programme: برنامج, period: {start: 2015-01-01, end: 2020-12-31}, province: إقليم تاونات, total_amount: 1005000}
            partners:
              - {id: ministry, name: الوزارة, kind: ministry}
            projects:
            \(projects.joined(separator: "\n"))
            """
        let result = ConventionLoader.load(text: text, display: "many.yaml", folder: Fixtures.folder)
        #expect(result.isValid, "\(result.errors.prefix(3).map(\.description))")
        #expect(result.problems.last?.description.contains("0 more error(s) and 5 more warning(s)") == true, "\(result.problems.last?.description ?? "")")
    }
}
