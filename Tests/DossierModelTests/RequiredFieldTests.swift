import DossierModel
import Foundation
import Testing

/// Issue 11, rule 1: a required field that is present but empty or null is an error on its own path, no
/// record is ever dropped silently, and the total check says when it cannot be computed.
@Suite struct RequiredFieldTests {
    /// Every required field of the minimal fixture (plus a contact and a milestone added for the test):
    /// the text that holds it and its path.
    static let requiredFields: [(text: String, path: String)] = [
        ("reference: T-1", "convention.reference"), ("title: اتفاقية تجريبية", "convention.title"),
        ("programme: برنامج تجريبي", "convention.programme"), ("province: إقليم تاونات", "convention.province"),
        ("total_amount: 5 M", "convention.total_amount"), ("start: 2015-01-01", "convention.period.start"),
        ("end: 2020-12-31", "convention.period.end"),
        ("id: ministry", "partners[0].id"), ("name: الوزارة", "partners[0].name"), ("kind: ministry", "partners[0].kind"),
        ("email: office@ministry.example.org", "partners[0].contacts[0].email"),
        ("code: P1", "projects[0].code"), ("title: المشروع الأول", "projects[0].title"), ("amount: 3 M", "projects[0].amount"),
        ("commune: بوعادل", "projects[0].locations[0].commune"), ("partner: ministry, amount: 2 M", "projects[0].financing[0].partner"),
        ("amount: 1000000}", "projects[1].financing[0].amount"), ("start: 2016-01-01", "projects[0].schedule.start"),
        ("date: 2017-03-31", "projects[1].milestones[0].date"), ("label: انطلاق الأشغال", "projects[1].milestones[0].label"),
        ("date: 2016-12-08", "meetings[0].date"), ("place: مقر العمالة", "meetings[0].place"),
    ]

    /// The minimal fixture with a contact and a milestone, so that their required fields are covered too.
    static func fixture() throws -> String {
        try Fixtures.text("minimal.yaml")
            .replacingOccurrences(of: "    kind: ministry\n", with: "    kind: ministry\n    contacts: [{email: office@ministry.example.org}]\n")
            .replacingOccurrences(of: "      - {partner: indh, amount: 1 M}\nmeetings:",
                                  with: "      - {partner: indh, amount: 1 M}\n    milestones: [{date: 2017-03-31, label: انطلاق الأشغال}]\nmeetings:")
    }

    static func load(_ text: String) -> LoadResult {
        ConventionLoader.load(text: text, display: "minimal.yaml", folder: Fixtures.folder)
    }

    @Test func theExtendedFixtureIsValid() throws {
        let result = Self.load(try Self.fixture())
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test(arguments: ["\"\"", "''", "~", "null", ""])
    func everyRequiredFieldThatIsEmptyOrNullIsAnErrorOnItsPath(empty: String) throws {
        let original = try Self.fixture()
        for (text, path) in Self.requiredFields {
            let key = String(text.prefix { $0 != ":" })
            let rest = text.dropFirst(key.count + 2)
            // Keep what follows the value in a flow mapping (`, amount: 2 M` or `}`).
            let tail = rest.hasSuffix("}") ? "}" : (rest.contains(", ") ? ", " + rest.split(separator: ",", maxSplits: 1)[1].dropFirst() : "")
            #expect(original.components(separatedBy: text).count == 2, "«\(text)» must occur once")
            let result = Self.load(original.replacingOccurrences(of: text, with: "\(key): \(empty)\(tail)"))
            let onPath = result.errors.filter { $0.path == path }
            #expect(onPath.count == 1 && onPath[0].message.hasPrefix("required field «\(key)» is empty; expected"),
                    "\(path) = \(empty): \(result.problems.map(\.description))")
            #expect(onPath.first?.line != nil, "\(path): no line")
            #expect(!result.isValid)
            // Nothing dropped: the records are all there, the broken one holding a placeholder.
            let convention = try #require(result.convention)
            #expect(convention.partners.count == 2 && convention.projects.count == 2 && convention.meetings.count == 1, "\(path)")
        }
    }

    @Test func anEmptyReferenceNamesItsCause() throws {
        let result = try Fixtures.loadMinimal(replacing: "reference: T-1", with: "reference: \"\"")
        #expect(result.problems.map(\.description) == [
            "minimal.yaml:2:14: error: convention.reference: required field «reference» is empty; expected text",
        ])
    }

    @Test func whenAnAmountIsMissingTheTotalCheckSaysItCannotBeDone() throws {
        let lines = try Fixtures.loadMinimal(replacing: "amount: 2000000", with: "amount: ~").problems.map(\.description)
        #expect(lines == [
            "minimal.yaml:28:13: error: projects[1].amount: required field «amount» is empty; expected an amount in dirhams, e.g. 5300000 or 5.3 M",
            "minimal.yaml:7:3: error: convention.total_amount: cannot check that the projects add up to the total: projects[1].amount could not be read (see the errors there)",
            "minimal.yaml:29:5: error: projects[1].financing: cannot check that the financing lines of project P2 add up to its amount: projects[1].amount could not be read (see the errors there)",
        ])
    }

    @Test func aRecordThatCannotBeReadKeepsTheOthersAtTheirPlace() throws {
        // The first project is not even a mapping; the second one's error stays on its own line and path.
        let text = try Fixtures.text("minimal.yaml")
            .replacingOccurrences(of: "  - code: P1\n    title: المشروع الأول\n", with: "  - just a title\n  - code: P1\n    title: المشروع الأول\n")
            .replacingOccurrences(of: "{partner: ministry, amount: 1000000}", with: "{partner: ministry, amount: -1000000}")
        let lines = Self.load(text).problems.map(\.description)
        #expect(lines.contains("minimal.yaml:16:5: error: projects[0]: expected a project (a mapping of fields), found «just a title»"), "\(lines)")
        #expect(lines.contains("minimal.yaml:31:29: error: projects[2].financing[0].amount: an amount cannot be negative, found -1000000"), "\(lines)")
        #expect(lines.contains("minimal.yaml:7:3: error: convention.total_amount: cannot check that the projects add up to the total: projects[0] could not be read (see the errors there)"), "\(lines)")
    }

    @Test func aPartnerWhoseIdCannotBeReadDoesNotMakeEveryLineUnknown() throws {
        let lines = try Fixtures.loadMinimal(replacing: "id: indh", with: "id: ~").problems.map(\.description)
        #expect(lines == [
            "minimal.yaml:12:9: error: partners[1].id: required field «id» is empty; expected the partner's short id, e.g. indh",
            "minimal.yaml:22:10: error: projects[0].financing[1].partner: cannot check which partner «indh» (and 1 other line(s)) names: partners[1].id could not be read (see the errors there)",
        ])
    }

    @Test func aListItemThatIsNotTextIsAnErrorAndKeepsItsPlace() throws {
        let lines = try Fixtures.loadMinimal(replacing: "    place: مقر العمالة", with: "    place: مقر العمالة\n    agenda: [بند, ~, '']")
            .problems.map(\.description)
        #expect(lines == ["minimal.yaml:35:19: error: meetings[0].agenda[1]: expected text, found «~»",
                          "minimal.yaml:35:22: error: meetings[0].agenda[2]: expected text, found nothing"])
    }

    /// Issue 14: a file without `partners` gets one error naming the section (as docs/schema.md says), not one
    /// "unknown partner" per financing line; an empty list is a different error.
    @Test func aMissingPartnersSectionIsOneErrorNamingIt() throws {
        let text = try Fixtures.text("minimal.yaml")
        let start = text.range(of: "partners:\n")!.lowerBound, end = text.range(of: "projects:\n")!.lowerBound
        let problems = Self.load(text.replacingCharacters(in: start..<end, with: "")).problems.map(\.description)
        #expect(problems.count == 1 && problems[0].hasSuffix("partners: missing required section «partners» (the signatories: id, name and kind of each)"),
                "rule: missing section «partners»: \(problems)")
        let empty = Self.load(text.replacingCharacters(in: start..<end, with: "partners: []\n")).problems.map(\.message)
        #expect(empty.first == "the convention has no partner; give at least one (its signatories)", "\(empty)")
    }
}
