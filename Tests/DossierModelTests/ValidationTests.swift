import DossierModel
import Foundation
import Testing

/// One bad file per validation rule, with the exact message and place expected.
@Suite struct ValidationTests {
    func problems(replacing old: String, with new: String) throws -> [String] {
        try Fixtures.loadMinimal(replacing: old, with: new).problems.map(\.description)
    }

    func expectOnly(_ lines: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lines == [expected], sourceLocation: sourceLocation)
    }

    @Test func malformedYAML() throws {
        let lines = try problems(replacing: "  title: اتفاقية تجريبية", with: "  title: [اتفاقية تجريبية")
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("minimal.yaml:4:"), "\(lines)")
        #expect(lines[0].contains("error: the file is not valid YAML"))
    }

    @Test func malformedJSON() throws {
        let text = try Fixtures.text("minimal.json").replacingOccurrences(of: "\"T-1\",", with: "\"T-1\"")
        let result = ConventionLoader.load(text: text, display: "minimal.json", folder: Fixtures.folder)
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.description.hasPrefix("minimal.json:4:") == true, "\(result.problems)")
        #expect(result.problems.first?.message.contains("not valid JSON") == true)
    }

    @Test func missingRequiredField() throws {
        expectOnly(try problems(replacing: "  reference: T-1\n", with: ""),
                   "minimal.yaml:2:3: error: convention.reference: missing required field «reference»")
    }

    @Test func wrongType() throws {
        expectOnly(try problems(replacing: "    kind: agency", with: "    kind: agency\n    contacts: someone"),
                   "minimal.yaml:15:15: error: partners[1].contacts: expected a list (lines starting with «-»), found «someone»")
        expectOnly(try problems(replacing: "  total_amount: 5 M", with: "  total_amount: five millions"),
                   "minimal.yaml:7:17: error: convention.total_amount: «five millions» is not an amount; write dirhams (28250000 or 2410000.50) or millions with M (5.3 M), at most 2 decimals of a dirham")
    }

    @Test func unknownField() throws {
        #expect(try problems(replacing: "    amount: 3 M", with: "    amout: 3 M") == [
            "minimal.yaml:19:5: error: projects[0].amout: unknown field «amout» (did you mean «amount»?); allowed fields: code, title, title_fr, locations, amount, beneficiaries, implementing_body, description, objectives, financing, schedule, status, progress, milestones",
            "minimal.yaml:16:5: error: projects[0].amount: missing required field «amount» (an amount in dirhams, e.g. 5300000 or 5.3 M)",
            "minimal.yaml:7:3: error: convention.total_amount: cannot check that the projects add up to the total: projects[0].amount could not be read (see the errors there)",
            "minimal.yaml:20:5: error: projects[0].financing: cannot check that the financing lines of project P1 add up to its amount: projects[0].amount could not be read (see the errors there)",
        ])
    }

    @Test func unknownPartnerID() throws {
        expectOnly(try problems(replacing: "{partner: indh, amount: 1 M}\n    schedule", with: "{partner: indhh, amount: 1 M}\n    schedule"),
                   "minimal.yaml:22:10: error: projects[0].financing[1].partner: unknown partner id «indhh» (did you mean «indh»?); known ids: indh, ministry")
    }

    @Test func duplicateCodesAndIDs() throws {
        expectOnly(try problems(replacing: "  - code: P2", with: "  - code: P1"),
                   "minimal.yaml:25:5: error: projects[1].code: duplicate project code «P1» (already used at projects[0].code)")
        let lines = try problems(replacing: "  - id: indh", with: "  - id: ministry")
        #expect(lines.contains("minimal.yaml:12:5: error: partners[1].id: duplicate partner id «ministry» (already used at partners[0].id)"), "\(lines)")
    }

    @Test func negativeAmount() throws {
        let lines = try problems(replacing: "{partner: indh, amount: 1 M}\n    schedule", with: "{partner: indh, amount: -1 M}\n    schedule")
        #expect(lines.contains("minimal.yaml:22:25: error: projects[0].financing[1].amount: an amount cannot be negative, found -1000000"), "\(lines)")
    }

    @Test func projectsNotAddingUpToTheTotal() throws {
        expectOnly(try problems(replacing: "  total_amount: 5 M", with: "  total_amount: 5.01 M"),
                   "minimal.yaml:7:3: error: convention.total_amount: the projects add up to 5000000 dirhams but the convention total is 5010000; the difference is 10000")
    }

    @Test func financingNotAddingUpToTheProject() throws {
        expectOnly(try problems(replacing: "{partner: ministry, amount: 1000000}", with: "{partner: ministry, amount: 1000000.50}"),
                   "minimal.yaml:29:5: error: projects[1].financing: the financing lines of project P2 add up to 2000000.50 but its amount is 2000000; the difference is -0.50")
    }

    @Test func progressOutsideZeroToHundred() throws {
        expectOnly(try problems(replacing: "physical: 50", with: "physical: 120"),
                   "minimal.yaml:24:16: error: projects[0].progress.physical: physical progress must be between 0 and 100 %, found 120")
    }

    @Test func disbursedAboveCommittedAndCommittedAboveAmount() throws {
        expectOnly(try problems(replacing: "disbursed: 1 M", with: "disbursed: 2.5 M"),
                   "minimal.yaml:24:46: error: projects[0].progress.disbursed: disbursed (2500000) is more than committed (2000000)")
        expectOnly(try problems(replacing: "committed: 2 M", with: "committed: 3.5 M"),
                   "minimal.yaml:24:30: error: projects[0].progress.committed: committed (3500000) is more than the project amount (3000000)")
    }

    @Test func endBeforeStart() throws {
        expectOnly(try problems(replacing: "end: 2017-12-31", with: "end: 2015-12-31"),
                   "minimal.yaml:23:35: error: projects[0].schedule.end: the end (2015-12-31) is before the start (2016-01-01)")
    }

    @Test func badDate() throws {
        expectOnly(try problems(replacing: "date: 2016-12-08", with: "date: 2016-13-08"),
                   "minimal.yaml:33:11: error: meetings[0].date: «2016-13-08» is not a date; write a real day as YYYY-MM-DD with a year from 1900 to 2100, e.g. 2016-12-08")
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let original = try Fixtures.text("minimal.yaml")
        let broken = original.replacingOccurrences(of: "physical: 50", with: "physical: 120")
            .replacingOccurrences(of: "  - code: P2", with: "  - code: P1")
            .replacingOccurrences(of: "end: 2017-12-31", with: "end: 2015-12-31")
        let result = ConventionLoader.load(text: broken, display: "minimal.yaml", folder: Fixtures.folder)
        #expect(result.errors.count == 3)
    }

    @Test func warningsAreNotFatal() throws {
        let result = try Fixtures.loadMinimal(replacing: "    locations: [{commune: كيسان}]\n", with: "")
        #expect(result.isValid)
        #expect(result.warnings.map(\.description) == ["minimal.yaml:25:5: warning: projects[1].locations: project P2 has no location"])
        let extra = try Fixtures.loadMinimal(replacing: "projects:\n", with: "  - {id: chamber, name: الغرفة, kind: chamber}\nprojects:\n")
        #expect(extra.isValid)
        #expect(extra.warnings.map(\.message) == ["partner «chamber» contributes to no project"])
    }
}
