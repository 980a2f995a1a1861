import DossierModel
import Foundation
import Testing

/// Issue 11, rule 4: dates are strictly `YYYY-MM-DD` (four ASCII digits of a year from 1900 to 2100, a real
/// calendar day), and counts and amounts are never negative.
@Suite struct DateAndCountTests {
    @Test(arguments: ["-2016-12-08", "2016--12-08", "2016-12-08-", "+201-12-08", "0201-12-08", "201-12-08", "2016-12-8",
                      "2016-1-08", "20161-12-08", "2016-12-08x", "2016/12/08", "1899-12-31", "2101-01-01", "2015-02-29",
                      "2016-04-31", "2016-00-10", "2016-12-00", "٢٠١٦-١٢-٠٨", "2016-12-08 ", " 2016-12-08"])
    func malformedDatesAreRefused(text: String) {
        #expect(Day(parsing: text) == nil, "«\(text)»")
    }

    @Test(arguments: ["2016-12-08", "2016-02-29", "2000-02-29", "1900-01-01", "2100-12-31"])
    func realDatesAreRead(text: String) throws {
        #expect(try #require(Day(parsing: text)).description == text)
    }

    @Test(arguments: ["-2016-12-08", "2016--12-08", "2016-12-08-", "+201-12-08", "0201-12-08"])
    func aMalformedDateInTheDataIsALocatedError(text: String) throws {
        let lines = try Fixtures.loadMinimal(replacing: "date: 2016-12-08", with: "date: '\(text)'").problems.map(\.description)
        #expect(lines == ["minimal.yaml:33:11: error: meetings[0].date: «\(text)» is not a date; write a real day as YYYY-MM-DD "
                          + "with a year from 1900 to 2100, e.g. 2016-12-08"])
    }

    @Test func negativeBeneficiariesAreRefused() throws {
        expectOnly(try Fixtures.loadMinimal(replacing: "  total_amount: 5 M", with: "  total_amount: 5 M\n  beneficiaries: -700"),
                   "minimal.yaml:8:3: error: convention.beneficiaries: a number of people cannot be negative, found -700")
        expectOnly(try Fixtures.loadMinimal(replacing: "    amount: 3 M", with: "    amount: 3 M\n    beneficiaries: -700"),
                   "minimal.yaml:20:5: error: projects[0].beneficiaries: a number of people cannot be negative, found -700")
    }

    /// Amounts in words go up to the milliards: a million millions of dirhams is refused with its place,
    /// instead of being spelled with the wrong scale.
    @Test func amountsPastTheWordsAreRefused() throws {
        let lines = try Fixtures.loadMinimal(replacing: "total_amount: 5 M", with: "total_amount: 1000000000000").problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("minimal.yaml:7:3: error: convention.total_amount: an amount must be below a million millions") },
                "\(lines)")
    }

    /// Amounts of 17 digits (the most an amount may have) added up overflowed 64 bits and stopped the program (and
    /// `dossier serve`, which validates in its own process) before validation could refuse them: the sums saturate,
    /// and each amount is refused at its place.
    @Test func hugeAmountsAddedUpAreRefusedNotATrap() throws {
        let huge = "92233720368547758"
        let projects = try Fixtures.loadMinimal(replacing: "    amount: 3 M", with: "    amount: \(huge)").problems.map(\.description)
        #expect(projects.contains { $0.hasPrefix("minimal.yaml:19:5: error: projects[0].amount: an amount must be below a million millions") }, "\(projects)")
        #expect(projects.contains { $0.contains("convention.total_amount: the projects add up to") }, "\(projects)")
        let hugeTotal = Money(centimes: 9_000_000_000_000_000_000)
        #expect((hugeTotal + hugeTotal).centimes == .max && (Money.zero - hugeTotal - hugeTotal).centimes == .min)
        #expect(Money(dirhams: .max).centimes == .max && Money(dirhams: .min).centimes == .min)
    }

    @Test func negativeAmountsAreRefusedEverywhere() throws {
        let lines = try Fixtures.loadMinimal(replacing: "progress: {physical: 50, committed: 2 M, disbursed: 1 M}",
                                             with: "progress: {physical: -5, committed: -2 M, disbursed: -3 M}").problems.map(\.description)
        #expect(lines == [
            "minimal.yaml:24:16: error: projects[0].progress.physical: physical progress must be between 0 and 100 %, found -5",
            "minimal.yaml:24:30: error: projects[0].progress.committed: an amount cannot be negative, found -2000000",
            "minimal.yaml:24:47: error: projects[0].progress.disbursed: an amount cannot be negative, found -3000000",
        ])
        let total = try Fixtures.loadMinimal(replacing: "total_amount: 5 M", with: "total_amount: -5 M").problems.map(\.description)
        #expect(total.contains("minimal.yaml:7:3: error: convention.total_amount: an amount cannot be negative, found -5000000"), "\(total)")
    }

    @Test func negativeCountsFromCSVAreRefusedAtTheirCell() throws {
        let folder = try CSVFolder(projects: "code,title,amount,beneficiaries\nP1,الأول,3 M,-700\nP2,الثاني,2 M,10\n")
        let lines = folder.load().errors.map(\.description)
        #expect(lines == ["data/projects.csv:2:14: error: projects[0].beneficiaries: a number of people cannot be negative, found -700"])
    }

    func expectOnly(_ result: LoadResult, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.problems.map(\.description) == [expected], sourceLocation: sourceLocation)
    }
}
