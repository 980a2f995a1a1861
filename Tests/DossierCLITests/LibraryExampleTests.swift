import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Issue 14: the facade is enough to render a dossier from a convention held in memory. The README's example
/// program (Examples/library) is built with the package and run here; its PDF must be the very bytes the
/// command line writes for the same data and date.
@Suite struct LibraryExampleTests {
    static var example: URL {
        let products = Bundle.main.bundleURL
        let candidate = products.appendingPathComponent("library-example")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate
            : CLI.repoRoot.appendingPathComponent(".build/debug/library-example")
    }

    @Test func theExampleRendersTheSameBytesAsTheCommandLine() throws {
        let folder = try TestTools.scratch("library-example")
        let pdf = folder.appendingPathComponent("example.pdf")
        let process = Process()
        process.executableURL = Self.example
        process.arguments = [pdf.path]
        process.currentDirectoryURL = CLI.repoRoot
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        #expect(printed.hasPrefix("wrote \(pdf.path)"), "\(printed)")

        // The same data through the command line: extracted from the PDF, rendered again from the file.
        let extract = try CLI.run(["extract", pdf.path, "--out", folder.path])
        #expect(extract.status == 0, "\(extract.stdout)\(extract.stderr)")
        let rendered = try CLI.run(["render", folder.appendingPathComponent("convention.json").path, "--only", "M01",
                                    "--date", "2024-03-15", "--out", folder.appendingPathComponent("cli").path])
        #expect(rendered.status == 0, "\(rendered.stdout)\(rendered.stderr)")
        let fromCLI = try Data(contentsOf: folder.appendingPathComponent("cli/projects/M01.pdf"))
        #expect(try Data(contentsOf: pdf) == fromCLI, "rule: the facade's in-memory render equals the command line's bytes")
        let text = try TestTools.run("pdftotext", [pdf.path, "-"]).output
        #expect(TestTools.loose(text).contains(TestTools.loose("تأهيل السوق الأسبوعي لجماعة المثال")))
    }

    /// A convention built in code is checked with the data files' rules: problems by field path, nothing rendered.
    @Test func anInvalidConventionInMemoryIsRefusedWithItsFieldPaths() throws {
        let bad = Convention(
            convention: ConventionInfo(reference: "", title: "اتفاقية", programme: "برنامج",
                                       period: Period(start: Day(year: 2024, month: 1, day: 1), end: Day(year: 2023, month: 1, day: 1)),
                                       province: "إقليم", totalAmount: Money(dirhams: 10)),
            partners: [Partner(id: "p", name: "شريك", kind: .other)],
            projects: [Project(code: "A", title: "مشروع", amount: Money(dirhams: 10),
                               financing: [FinancingLine(partner: "q", amount: Money(dirhams: 10))])])
        do {
            _ = try DossierBatch(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"), convention: bad,
                                 layoutsFolder: CLI.repoRoot.appendingPathComponent("Layouts"))
            Issue.record("an invalid convention was accepted")
        } catch let failure as CheckFailure {
            let paths = Set(failure.dataProblems.map(\.path))
            #expect(failure.dataProblems.contains { $0.path == "convention.reference" && $0.message == "required field «reference» is empty; expected text" },
                    "rule: empty required fields of a convention built in code are errors: \(failure)")
            #expect(paths.isSuperset(of: ["convention.reference", "convention.period.end", "projects[0].financing[0].partner"]), "\(failure)")
        }
    }
}
