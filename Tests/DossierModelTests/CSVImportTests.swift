import DossierModel
import Foundation
import Testing

/// Issue 11, rule 6: CSV imports. A column appears once; problems of a row are located in the CSV file
/// itself; imported files stay inside the data file's folder, and nothing of a refused file is read.
@Suite struct CSVImportTests {
    @Test func aColumnTwiceIsAnError() throws {
        let folder = try CSVFolder(projects: "code,title,amount,communes,amount\nP1,الأول,3 M,بوعادل,4 M\nP2,الثاني,2 M,كيسان,\n")
        #expect(folder.load().problems.map(\.description) == [
            "data/projects.csv:1:28: error: column «amount» appears twice (first at column 12); keep one of them",
        ])
    }

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
            "data/financing.csv:3:9: error: projects[0].financing[1].amount: «un million» is not an amount; write dirhams (28250000 or 2410000.50) or millions with M (5.3 M), at most 2 decimals of a dirham",
            "data/projects.csv:2:1: error: projects[0].financing: cannot check that the financing lines of project P1 add up to its amount: projects[0].financing, projects[0].financing[1].amount could not be read (see the errors there)",
        ])
    }

    @Test(arguments: ["../../../../etc/hostname", "/etc/hostname", "sub/../../outside.csv", "~/projects.csv"])
    func importsOutsideTheDataFolderAreRefusedUnread(path: String) throws {
        let yaml = try Fixtures.text("with-csv.yaml").replacingOccurrences(of: "projects: projects.csv", with: "projects: '\(path)'")
        let folder = try CSVFolder(yaml: yaml)
        let secret = "SECRET-\(UUID().uuidString)"
        try folder.write("code,title,amount\n\(secret),x,1 M\n", "../outside.csv")
        let problems = folder.load().problems
        #expect(problems.first?.description == "data/c.yaml:12:3: error: imports.projects: «\(path)» is outside the data file's folder; "
                + "CSV files must be in that folder or below it", "\(problems)")
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? secret
        #expect(!problems.contains { $0.description.contains(secret) || (!hostname.isEmpty && $0.message.contains("«\(hostname)»")) }, "\(problems)")
    }

    @Test func aLinkToAFileOutsideIsRefusedAndOneInsideFollowed() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).csv")
        try Data(Fixtures.text("projects.csv").utf8).write(to: outside)
        let folder = try CSVFolder()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("projects.csv"))
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("projects.csv"), withDestinationURL: outside)
        #expect(folder.load().problems.first?.description
                == "data/c.yaml:12:3: error: imports.projects: «projects.csv» is a link to a file outside the data file's folder; copy the file into the folder instead")
        let inside = try CSVFolder()
        try FileManager.default.createDirectory(at: inside.url.appendingPathComponent("tables"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: inside.url.appendingPathComponent("projects.csv"), to: inside.url.appendingPathComponent("tables/p.csv"))
        try FileManager.default.createSymbolicLink(atPath: inside.url.appendingPathComponent("projects.csv").path, withDestinationPath: "tables/p.csv")
        #expect(inside.load().problems.isEmpty, "\(inside.load().problems)")
    }

    @Test func aFolderLinkLeadingOutsideIsRefused() throws {
        let folder = try CSVFolder(yaml: Fixtures.text("with-csv.yaml").replacingOccurrences(of: "projects: projects.csv", with: "projects: link/projects.csv"))
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data(Fixtures.text("projects.csv").utf8).write(to: outside.appendingPathComponent("projects.csv"))
        try FileManager.default.createSymbolicLink(at: folder.url.appendingPathComponent("link"), withDestinationURL: outside)
        #expect(folder.load().problems.first?.message == "«link/projects.csv» is a link to a file outside the data file's folder; copy the file into the folder instead")
    }

    /// Issue 14: one reading path. The same text in a YAML field and in the CSV cell of that field gives the same
    /// value or the same message (only the file and place differ).
    @Test(arguments: [
        ("amount", "3 M", "trois millions"), ("physical", "50", "50abc"), ("beneficiaries", "", "mille"),
        ("start", "2016-01-01", "2016-13-01"), ("status", "in_progress", "in-progress"),
    ])
    func yamlAndCSVReadAFieldAlike(column: String, good: String, bad: String) throws {
        let yamlPaths = ["amount": "amount: 3 M", "physical": "physical: 50", "beneficiaries": "amount: 3 M",
                         "start": "start: 2016-01-01", "status": "amount: 3 M"]
        let yamlField = ["amount": "amount: \(bad)", "physical": "physical: \(bad)", "beneficiaries": "amount: 3 M\n    beneficiaries: \(bad)",
                         "start": "start: \(bad)", "status": "amount: 3 M\n    status: \(bad)"]
        let yaml = try Fixtures.text("minimal.yaml").replacingOccurrences(of: yamlPaths[column]!, with: yamlField[column]!)
        let yamlFolder = try CSVFolder(yaml: yaml)
        let fromYAML = yamlFolder.load().errors.filter { $0.path.hasPrefix("projects[0]") && !$0.message.contains("cannot check") }
        var csv = try Fixtures.text("projects.csv")
        if column == "beneficiaries" {
            csv = csv.replacingOccurrences(of: "code,title,", with: "code,beneficiaries,title,")
                .replacingOccurrences(of: "P1,", with: "P1,\(bad),").replacingOccurrences(of: "P2,", with: "P2,,")
        } else {
            csv = csv.replacingOccurrences(of: "P1,المشروع الأول,بوعادل,,3 M,2016-01-01,2017-12-31,in_progress,50,",
                                           with: "P1,المشروع الأول,بوعادل,,\(column == "amount" ? bad : "3 M"),"
                                           + "\(column == "start" ? bad : "2016-01-01"),2017-12-31,\(column == "status" ? bad : "in_progress"),"
                                           + "\(column == "physical" ? bad : "50"),")
        }
        let fromCSV = try CSVFolder(projects: csv).load().errors.filter { $0.path.hasPrefix("projects[0]") && !$0.message.contains("cannot check") }
        #expect(!fromYAML.isEmpty, "YAML accepted «\(bad)» as \(column)")
        #expect(fromYAML.map(\.path) == fromCSV.map(\.path) && fromYAML.map(\.message) == fromCSV.map(\.message),
                "rule: one reading path: YAML says \(fromYAML.map(\.description)), CSV says \(fromCSV.map(\.description))")
    }

    /// A CSV file the data names but nobody put there is said to be missing, not unreadable.
    @Test func aMissingCSVFileIsSaidToBeMissing() throws {
        let folder = try CSVFolder()
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("financing.csv"))
        let problems = folder.load().problems.map(\.description)
        #expect(problems.first == "data/financing.csv: error: imports.financing: «financing.csv» does not exist next to the data file; "
                + "put the CSV file of the financing there (or send it with the convention), or correct the name", "\(problems)")
    }
}
