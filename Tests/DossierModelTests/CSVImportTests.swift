import DossierModel
import Foundation
import Testing

/// Issue 11, rule 6: problems of a CSV row are located in the CSV file itself, whatever rows came before.
@Suite struct CSVImportTests {
    @Test func rowProblemsPointAtTheCSVFileEvenAfterARowThatFailed() throws {
        let projects = "code,title,amount,communes\nP1,الأول,3 M,بوعادل\n,,\n,بلا رمز,1 M,كيسان\nP1,مكرر,1 M,كيسان\nP2,الثاني,2 M,كيسان\n"
        #expect(try CSVFolder(projects: projects).load().problems.map(\.description) == [
            "data/projects.csv:4:1: error: projects[1].code: missing required column value «code»",
            "data/projects.csv:5:1: error: projects[2].code: duplicate project code «P1» (already used at projects[0].code)",
            "data/c.yaml:7:3: error: convention.total_amount: the projects add up to 7000000 dirhams but the convention total is 5000000; the difference is -2000000",
        ])
    }

    @Test func blankSpreadsheetRowsAreNotRecords() throws {
        let projects = try Fixtures.text("projects.csv") + ",,,,,,,,,,\n , ,\n\n"
        #expect(try CSVFolder(projects: projects).load().problems.isEmpty)
    }

    @Test func aScheduleWithOnlyOneDateIsAnError() throws {
        let projects = try Fixtures.text("projects.csv").replacingOccurrences(of: "2016-01-01,2017-12-31", with: "2016-01-01,")
        #expect(try CSVFolder(projects: projects).load().problems.map(\.description) == [
            "data/projects.csv:2:30: error: projects[0].schedule: a schedule needs both start and end; only start is given",
        ])
    }

    @Test func aFinancingRowThatCannotBeReadIsLocatedAndItsProjectSumNotJudged() throws {
        let financing = try Fixtures.text("financing.csv").replacingOccurrences(of: "P1,indh,1 M", with: "P1,indh,un million")
        #expect(try CSVFolder(financing: financing).load().problems.map(\.description) == [
            "data/financing.csv:3:9: error: «un million» is not an amount; write dirhams (5300000) or millions (5.3 M)",
            "data/projects.csv:2:1: error: projects[0].financing: cannot check that the financing lines of project P1 add up to its amount: projects[0].financing could not be read (see the errors there)",
        ])
    }
}
