import DossierTestSupport
import Foundation
import Testing

/// Runs the real `dossier` executable, as a clerk or another tool would.
enum CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL {
        // The test bundle sits next to the built products.
        let products = Bundle.main.bundleURL
        let candidate = products.appendingPathComponent("dossier")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate
            : repoRoot.appendingPathComponent(".build/debug/dossier")
    }

    /// Runs `dossier` with `arguments` in `folder`; `environment` adds variables to this process's.
    static func run(_ arguments: [String], in folder: URL = repoRoot,
                    environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let outcome = try TestTools.execute(executable, arguments, in: folder, environment: environment)
        return (outcome.status, outcome.output, outcome.errors)
    }
}

@Suite struct ValidateCommandTests {
    /// A date out of range is named with the rule it breaks (it was told to use YYYY-MM-DD, which it did).
    @Test func aRenderDateOutOfRangeSaysTheRange() throws {
        let result = try CLI.run(["render", "--out", "/tmp/dossier-tests-unused", "--date", "1800-01-01"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--date 1800-01-01: write a real day as YYYY-MM-DD with a year from 1900 to 2100"), "\(result.stderr)")
    }

    @Test func theSampleIsValid() throws {
        let result = try CLI.run(["validate", "Examples/taounate-2016/convention.yaml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("valid — 8 projects, 11 partners, total 28.250.000,00 درهم"))
    }

    @Test func badDataExitsWithOneAndNamesThePlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sample = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        try sample.replacingOccurrences(of: "{partner: bouadel, amount: 0.3 M}", with: "{partner: boadel, amount: 0.3 M}")
            .write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let text = try CLI.run(["validate", "bad.yaml"], in: folder)
        #expect(text.status == 1)
        #expect(text.stdout.contains("bad.yaml:"))
        #expect(text.stdout.contains("error: projects[0].financing[4].partner: unknown partner id «boadel» (did you mean «bouadel»?)"))
        let json = try CLI.run(["validate", "--format", "json", "bad.yaml"], in: folder)
        #expect(json.status == 1)
        let reports = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        let problems = reports?.first?["problems"] as? [[String: Any]]
        #expect(reports?.first?["valid"] as? Bool == false)
        #expect(problems?.contains { $0["path"] as? String == "projects[0].financing[4].partner" && $0["line"] as? Int != nil } == true)
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try CLI.run(["validate"]).status == 2)
        #expect(try CLI.run(["validate", "no-such-file.yaml"]).status == 2)
        #expect(try CLI.run(["validate", "--format", "xml", "Examples/taounate-2016/convention.yaml"]).status == 2)
    }
}
