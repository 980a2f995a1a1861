import DossierTestSupport
import Foundation
import Testing

/// Cairo is made to write page contents, ToUnicode maps and forms plain (`CairoPDFStreams`), and the finishing and
/// the draft step compress them once (`CairoStreams`): no file handed out may keep one plain. Judged by pikepdf
/// (`Tests/PDFStreams/plain_streams.py`): every stream but the XMP metadata has a filter and decodes.
@Suite(.serialized) struct StreamCompressionTests {
    static let script = CLI.repoRoot.appendingPathComponent("Tests/PDFStreams/plain_streams.py")

    /// The streams of each PDF that are plain or do not decode, as the script names them.
    static func plainStreams(_ pdfs: [URL]) throws -> [String: [String]] {
        let output = try AccessibilityTests.run(AccessibilityTests.venv.appendingPathComponent("python"), [script.path] + pdfs.map(\.path))
        return try JSONDecoder().decode([String: [String]].self, from: output)
    }

    static func render(_ arguments: [String], into name: String) throws -> [URL] {
        let out = try TestTools.scratch(name)
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let files = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return files.filter { $0.pathExtension == "pdf" }.sorted { $0.path < $1.path }
    }

    @Test(arguments: [["--only", "convention", "--only", "P01"], ["--only", "convention", "--only", "P01", "--draft"],
                      ["--only", "convention", "--no-pdfa"]])
    func everyStreamOfADossierIsCompressed(arguments: [String]) throws {
        let pdfs = try Self.render(arguments, into: "streams")
        #expect(!pdfs.isEmpty)
        for (file, problems) in try Self.plainStreams(pdfs) {
            #expect(problems.isEmpty, "streams left plain in \(URL(fileURLWithPath: file).lastPathComponent) (\(arguments.joined(separator: " "))): \(problems.prefix(5))")
        }
    }

    /// A signature's appearance is a page Cairo drew (its ToUnicode maps plain), copied into the annex.
    @Test func everyStreamOfASignedAnnexIsCompressed() throws {
        let f = try SigningTests.fixture.get()
        for (file, problems) in try Self.plainStreams([f.signed[0], f.signed[2]]) {
            #expect(problems.isEmpty, "streams left plain in signed \(URL(fileURLWithPath: file).lastPathComponent): \(problems.prefix(5))")
        }
    }
}
