import DossierModel
import Foundation
import Testing

/// Issue 11, rule 2: the files of dossiers and messages have unique, stable names. Codes and ids that
/// give no file name, or the same one as another record's, are refused with the place of both records.
@Suite struct FileNameTests {
    func lines(replacing old: String, with new: String) throws -> [String] {
        try Fixtures.loadMinimal(replacing: old, with: new).problems.map(\.description)
    }

    @Test func sanitizedKeepsLettersDigitsDashUnderscoreAndDot() {
        #expect(FileName.sanitized("P01") == "P01")
        #expect(FileName.sanitized("TAO-ART.2016_01") == "TAO-ART.2016_01")
        #expect(FileName.sanitized("P/1") == "P_1")
        #expect(FileName.sanitized("P:1") == "P_1")
        #expect(FileName.sanitized("م٢") == "")
        #expect(FileName.sanitized("..") == "")
        #expect(FileName.sanitized("../etc/passwd") == "etc_passwd")
        #expect(FileName.sanitized(".hidden_") == "hidden")
    }

    @Test func codesThatGiveTheSameFileNameAreRefusedNamingBoth() throws {
        #expect(try lines(replacing: "code: P1", with: "code: P/1").isEmpty)
        #expect(try lines(replacing: "code: P2", with: "code: P:1").isEmpty)
        let both = try Fixtures.text("minimal.yaml").replacingOccurrences(of: "code: P1", with: "code: P/1")
            .replacingOccurrences(of: "code: P2", with: "code: P:1")
        #expect(ConventionLoader.load(text: both, display: "minimal.yaml", folder: Fixtures.folder).problems.map(\.description) == [
            "minimal.yaml:25:5: error: projects[1].code: project code «P:1» gives the same file name «P_1» as «P/1» (projects[0].code, minimal.yaml:16:5): file names keep only Latin letters, digits, - _ and . and ignore case, so one project's dossier would overwrite the other's; change one of them",
        ])
    }

    @Test func codesThatDifferOnlyInCaseAreRefused() throws {
        #expect(try lines(replacing: "code: P2", with: "code: p1") == [
            "minimal.yaml:25:5: error: projects[1].code: project code «p1» gives the same file name «p1» as «P1» (projects[0].code, minimal.yaml:16:5): file names keep only Latin letters, digits, - _ and . and ignore case, so one project's dossier would overwrite the other's; change one of them",
        ])
    }

    @Test(arguments: ["م٢", "..", "'//'", "_._"])
    func codesThatGiveNoFileNameAreRefused(code: String) throws {
        let shown = code.hasPrefix("'") ? String(code.dropFirst().dropLast()) : code
        #expect(try lines(replacing: "code: P1", with: "code: \(code)") == [
            "minimal.yaml:16:5: error: projects[0].code: «\(shown)» gives no file name: a project code needs at least one Latin letter or digit (A–Z, a–z, 0–9), e.g. P01",
        ])
    }

    @Test func arabicCodesWithADigitOrLetterAreKept() throws {
        #expect(try lines(replacing: "code: P1", with: "code: م-1").isEmpty)
    }

    @Test func partnerIDsThatGiveTheSameFileNameAreRefused() throws {
        let text = try Fixtures.text("minimal.yaml").replacingOccurrences(of: "id: ministry", with: "id: commune/a")
            .replacingOccurrences(of: "partner: ministry", with: "partner: commune/a")
            .replacingOccurrences(of: "id: indh", with: "id: commune:a").replacingOccurrences(of: "partner: indh", with: "partner: commune:a")
        #expect(ConventionLoader.load(text: text, display: "minimal.yaml", folder: Fixtures.folder).problems.map(\.description) == [
            "minimal.yaml:12:5: error: partners[1].id: partner id «commune:a» gives the same file name «commune_a» as «commune/a» (partners[0].id, minimal.yaml:9:5): file names keep only Latin letters, digits, - _ and . and ignore case, so one partner's letter and messages would overwrite the other's; change one of them",
        ])
    }

    @Test func meetingsOfOneDayGetNumberedFileNames() throws {
        let text = try Fixtures.text("minimal.yaml") + "  - {date: 2017-01-05, place: الرباط}\n  - {date: 2016-12-08, place: فاس}\n  - {date: 2016-12-08, place: تاونات}\n"
        let result = ConventionLoader.load(text: text, display: "minimal.yaml", folder: Fixtures.folder)
        let convention = try #require(result.convention)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(convention.meetings.indices.map(convention.meetingFileName(at:)) == ["2016-12-08", "2017-01-05", "2016-12-08-2", "2016-12-08-3"])
    }

    /// Partners open the dossiers on Windows computers and shares, where `CON.pdf` or `nul.eml` cannot exist.
    @Test(arguments: [("code: P1", "code: CON", "projects[0].code"), ("code: P2", "code: lpt1", "projects[1].code"),
                      ("id: indh", "id: Nul", "partners[1].id")])
    func namesWindowsKeepsForDevicesAreRefused(old: String, new: String, path: String) throws {
        let problems = try Fixtures.loadMinimal(replacing: old, with: new).problems
        #expect(problems.contains { $0.path == path && $0.message.contains("is a name Windows keeps for devices") },
                "rule: device names are refused: \(problems.map(\.description))")
    }

    @Test func namesThatOnlyStartLikeADeviceAreKept() throws {
        #expect(try lines(replacing: "code: P1", with: "code: CONV1").isEmpty)
        #expect(try lines(replacing: "code: P1", with: "code: COM10").isEmpty)
    }
}
