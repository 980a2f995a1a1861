import DossierTestSupport
import Foundation
import Testing

/// What readers who listen to the dossiers get (PDF/UA-1), judged from outside by tools of the project's own Python
/// environment (`.venv`, made by `scripts/setup.sh`): `pdfua` (PyPI) runs the machine-checkable PDF/UA-1 rules, and
/// `Tests/Accessibility/structure_check.py` walks the structure tree and the page content with pikepdf and PDFium.
@Suite(.serialized) struct AccessibilityTests {
    static let date = "2016-12-08"
    static let venv = CLI.repoRoot.appendingPathComponent(".venv/bin")
    static let script = CLI.repoRoot.appendingPathComponent("Tests/Accessibility/structure_check.py")
    static let sample = "Examples/taounate-2016/convention.yaml"

    /// One PDF as the structure walk reports it.
    struct StructureReport: Decodable {
        struct Counts: Decodable {
            var artifacts: Int
            var TH: Int
            var Figure: Int
            var links: Int
            var headings: Int
            var tocEntries: Int
            var pdfuaPart: Int
            var roles: [String: Int]
            enum CodingKeys: String, CodingKey {
                case artifacts, TH, Figure, links, headings, roles
                case tocEntries = "toc entries", pdfuaPart = "pdfua part"
            }
        }
        var file: String
        var problems: [String: [String]]
        var counts: Counts
        var name: String { URL(fileURLWithPath: file).lastPathComponent }
    }

    /// Every text-showing (and painting) operator is in an element's marked content or in an artifact, every TH
    /// has a scope, every Figure alternative text, every link a description, the headings follow the table of
    /// contents, and the file claims PDF/UA-1: on every dossier of the sample and of the second convention.
    @Test(arguments: [sample, "Examples/fictional-water-2024/convention.yaml"])
    func everyDossierHasACompleteStructure(data: String) throws {
        let pdfs = try Self.renderDossiers(data)
        let reports = try Self.walk(pdfs)
        #expect(reports.count == pdfs.count)
        for report in reports {
            #expect(report.problems.isEmpty, "structure rule broken in \(report.name): \(report.problems)")
            #expect(report.counts.pdfuaPart == 1, "\(report.name) does not claim PDF/UA-1")
            #expect(report.counts.artifacts > 0, "\(report.name) has no artifacts (running header and footer)")
            let standIns = report.counts.roles.keys.filter { ["/Private", "/NonStruct"].contains($0) }
            #expect(standIns.isEmpty, "\(report.name) keeps the stand-in elements of its artifacts: \(standIns)")
        }
        // The checks above looked at something: the convention dossier has them all.
        let convention = try #require(reports.first { $0.name == "convention.pdf" })
        for (what, count) in [("TH", convention.counts.TH), ("Figure", convention.counts.Figure), ("links", convention.counts.links),
                              ("headings", convention.counts.headings), ("TOC entries", convention.counts.tocEntries)] {
            #expect(count > 0, "the convention dossier of \(data) has no \(what) to check")
        }
    }

    @Test func theSpecimenHasACompleteStructure() throws {
        let out = try TestTools.scratch("accessibility-specimen")
        let result = try CLI.run(["specimen", "--out", out.path, "--date", Self.date])
        #expect(result.status == 0, "\(result.stderr)")
        for report in try Self.walk([out.appendingPathComponent("specimen.pdf")]) {
            #expect(report.problems.isEmpty, "structure rule broken in the specimen: \(report.problems)")
            #expect(report.counts.pdfuaPart == 1)
        }
    }

    /// `pdfua check` finds neither errors nor warnings in the sample's dossiers, partners' letters included.
    @Test func pdfuaFindsNothingInTheSample() throws {
        let pdfs = try Self.renderDossiers(Self.sample)
        let findings = try Self.pdfua(pdfs)
        let errors = findings.filter { $0.severity == "error" }, warnings = findings.filter { $0.severity == "warning" }
        print("pdfua on \(pdfs.count) dossiers of the sample: \(errors.count) errors, \(warnings.count) warnings")
        #expect(errors.isEmpty, "pdfua errors: \(errors.prefix(10).map(\.summary))")
        #expect(warnings.isEmpty, "pdfua warnings: \(warnings.prefix(10).map(\.summary))")
    }

    /// Only finished PDF/A files claim PDF/UA: `--no-pdfa` and drafts claim nothing.
    @Test func onlyArchivalDossiersClaimPDFUA() throws {
        for (options, claims) in [([String](), true), (["--no-pdfa"], false), (["--draft"], false)] {
            let out = try TestTools.scratch("accessibility-claim")
            let result = try CLI.run(["render", "--out", out.path, "--date", Self.date, "--only", "P01"] + options)
            #expect(result.status == 0, "\(result.stderr)")
            let pdf = try Data(contentsOf: out.appendingPathComponent("projects/P01.pdf"))
            let claimed = pdf.range(of: Data("<pdfuaid:part>1</pdfuaid:part>".utf8)) != nil
            #expect(claimed == claims, "render \(options): PDF/UA claimed \(claimed), expected \(claims)")
        }
    }

    // MARK: - Tools

    /// Renders every dossier of a convention (convention, projects, meetings, partners' letters); returns the PDFs.
    static func renderDossiers(_ data: String) throws -> [URL] {
        let out = try TestTools.scratch("accessibility")
        let result = try CLI.run(["render", CLI.repoRoot.appendingPathComponent(data).path, "--out", out.path, "--date", date,
                                  "--only", "convention", "--only", "projects", "--only", "meetings", "--only", "partners"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "pdf" }.sorted { $0.path < $1.path }
    }

    static func walk(_ pdfs: [URL]) throws -> [StructureReport] {
        let output = try run(venv.appendingPathComponent("python"), [script.path] + pdfs.map(\.path))
        return try JSONDecoder().decode([StructureReport].self, from: output)
    }

    /// One finding of `pdfua check --format json`.
    struct Finding: Decodable {
        var ruleID: String
        var severity: String
        var message: String
        var location: String?
        var summary: String { "\(ruleID) \(location ?? ""): \(message)" }
        enum CodingKeys: String, CodingKey { case ruleID = "rule_id", severity, message, location }
    }

    /// The findings of `pdfua check` on each PDF (its JSON reports, one per file, follow one another).
    static func pdfua(_ pdfs: [URL]) throws -> [Finding] {
        struct FileReport: Decodable { var file: String; var findings: [Finding] }
        return try pdfs.flatMap { pdf -> [Finding] in
            let output = try run(venv.appendingPathComponent("pdfua"), ["check", "--format", "json", pdf.path], allowed: [0, 1, 2, 3])
            return try JSONDecoder().decode(FileReport.self, from: output).findings.map { finding in
                var named = finding
                named.location = "\(pdf.lastPathComponent) \(finding.location ?? "")"
                return named
            }
        }
    }

    /// Runs a tool of the project's environment; returns its standard output.
    static func run(_ tool: URL, _ arguments: [String], allowed: Set<Int32> = [0]) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: tool.path) else {
            throw Failure("no \(tool.path): run scripts/setup.sh (make test does) to install pdfua and pikepdf")
        }
        let outcome = try TestTools.execute(tool, arguments)
        guard allowed.contains(outcome.status) else {
            throw Failure("\(tool.lastPathComponent) exited with \(outcome.status): \(outcome.errors)")
        }
        return outcome.stdout
    }

    struct Failure: Error, CustomStringConvertible { var description: String; init(_ text: String) { description = text } }
}
