import DossierTestSupport
import Foundation
import Testing

/// The web page of `dossier serve` (`GET /`) from outside: in a real browser (Debian's chromium through
/// chromium-driver, driven by selenium from `.venv`; Tests/WebPage/webpage_check.py), and its JSON API and
/// access token with curl.
@Suite(.serialized) struct WebPageTests {
    static let venvPython = Dossier.repoRoot.appendingPathComponent(".venv/bin/python")
    static let date = "2016-12-08"

    static var hasBrowser: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") && FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
            && ((try? TestTools.run(venvPython.path, ["-c", "import selenium"]).status) == 0)
    }

    /// The sample with three errors: an empty reference, a day that does not exist, a misspelt partner id.
    static func sampleWithThreeErrors() throws -> URL {
        let text = try String(contentsOf: ServiceTests.sample, encoding: .utf8)
            .replacingOccurrences(of: "reference: TAO-ART-2016/01 ", with: "reference: \"\"          ")
            .replacingOccurrences(of: "schedule: {start: 2016-01-01, end: 2018-06-30}", with: "schedule: {start: 2016-01-01, end: 2018-13-30}")
            .replacingOccurrences(of: "{partner: bouadel, amount: 0.3 M}", with: "{partner: boadel, amount: 0.3 M}")
        let url = try TestTools.scratch("three-errors").appendingPathComponent("convention.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test(.enabled(if: hasBrowser, "chromium, chromium-driver or selenium (in .venv) is missing: run scripts/setup.sh (make test does) to test the web page in a browser"))
    func theWebPageWorksInABrowser() throws {
        let service = try ServiceProcess(["--workers", "2"])
        defer { service.stop() }
        let cli = try TestTools.scratch("web-cli")
        let rendered = try Dossier.run(["render", "--out", cli.path, "--only", "convention", "--date", Self.date])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let downloads = try TestTools.scratch("web-downloads")
        // Screenshots stay in out/web (generated, not committed) for people to look at.
        let screenshots = Dossier.repoRoot.appendingPathComponent("out/web")
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let result = try TestTools.run(Self.venvPython.path, [
            Dossier.repoRoot.appendingPathComponent("Tests/WebPage/webpage_check.py").path,
            "--base", service.base, "--out", screenshots.path, "--sample", ServiceTests.sample.path,
            "--bad", try Self.sampleWithThreeErrors().path, "--templates", Dossier.repoRoot.appendingPathComponent("Web/templates").path,
            "--expected", cli.appendingPathComponent("convention.pdf").path, "--date", Self.date, "--downloads", downloads.path,
        ])
        #expect(result.status == 0, "\(result.output)")
        for name in ["start", "summary", "preview", "downloads", "problems"] {
            for size in ["1280x800", "390x844"] {
                #expect(FileManager.default.fileExists(atPath: screenshots.appendingPathComponent("web-\(name)-\(size).png").path))
            }
        }
    }
}
