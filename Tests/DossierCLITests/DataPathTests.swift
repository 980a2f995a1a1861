import DossierTestSupport
import Foundation
import Testing

/// Issue 11 ("nothing lost, nothing sent to the wrong partner"), the data half, through the command line.
@Suite(.serialized) struct DataPathTests {
    static let minimal = CLI.repoRoot.appendingPathComponent("Tests/DossierModelTests/Fixtures/minimal.yaml")

    /// A scratch folder holding `data.yaml`: the minimal fixture after the replacements (each must occur).
    static func data(_ replacements: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var text = try String(contentsOf: minimal, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "fixture lacks «\(old)»", sourceLocation: sourceLocation)
            text = text.replacingOccurrences(of: old, with: new)
        }
        let folder = try TestTools.scratch("data-path")
        try Data(text.utf8).write(to: folder.appendingPathComponent("data.yaml"))
        return folder
    }

    @Test func validateNamesTheCauseOfEveryFailure() throws {
        let cases: [(String, String, String)] = [
            ("reference: T-1", "reference: \"\"", "data.yaml:2:14: error: convention.reference: required field «reference» is empty; expected text"),
            ("amount: 3 M", "amount: ~", "data.yaml:19:13: error: projects[0].amount: required field «amount» is empty; expected an amount"),
            ("code: P1", "code: null", "data.yaml:16:11: error: projects[0].code: required field «code» is empty; expected the project's code"),
            ("place: مقر العمالة", "place: \"\"", "data.yaml:34:12: error: meetings[0].place: required field «place» is empty; expected text"),
        ]
        for (old, new, expected) in cases {
            let folder = try Self.data([(old, new)])
            let result = try CLI.run(["validate", "data.yaml"], in: folder)
            #expect(result.status == 1, "\(new)")
            #expect(result.stdout.contains(expected), "\(new): \(result.stdout)")
            #expect(!result.stdout.contains("valid —") && !result.stdout.contains(": 0 error(s)"), "\(new): \(result.stdout)")
        }
    }
}
