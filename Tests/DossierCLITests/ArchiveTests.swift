import DossierKit
import DossierModel
import Foundation
import Testing

/// Annex-ready PDFs: PDF/A-3b markers, language and direction, attached data, seal and verification.
@Suite(.serialized) struct ArchiveTests {
    static let rendered: URL = {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("archive-\(UUID().uuidString)")
        _ = try? CLI.run(["render", "--out", out.path, "--date", "2016-12-08", "--only", "convention", "P03"])
        return out
    }()

    var convention: URL { Self.rendered.appendingPathComponent("convention.pdf") }
    var project: URL { Self.rendered.appendingPathComponent("projects/P03.pdf") }

    @Test func pdfsCarryLanguageDirectionXMPAndOutputIntent() throws {
        for pdf in [convention, project] {
            let qdf = try RenderCommandTests.tool("qpdf", ["--qdf", "--object-streams=disable", pdf.path, "-"])
            #expect(qdf.contains("/Lang (ar-MA)"))
            #expect(qdf.contains("/Direction /R2L"))
            #expect(qdf.contains("/GTS_PDFA1"))
            #expect(qdf.contains("<pdfaid:part>3</pdfaid:part>"))
            #expect(qdf.contains("/AFRelationship /Source"))
            #expect(qdf.contains("/StructTreeRoot"))
            #expect(qdf.contains("/Alt"), "chart figures need alternative text")
            if pdf == convention { #expect(qdf.contains("/F 4"), "links must be printable") }
            // The header keeps Cairo's 1.5; the catalog declares 1.7, which PDF/A-3 is based on.
            #expect(qdf.contains("/Version /1.7"))
            let check = try RenderCommandTests.tool("qpdf", ["--check", pdf.path])
            #expect(check.contains("No syntax or stream encoding errors") && !check.contains("WARNING"), "\(check)")
        }
        let info = try RenderCommandTests.tool("pdfinfo", [convention.path])
        #expect(info.contains("Tagged:          yes"))
    }

    @Test func attachedDataExtractsByteForByte() throws {
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["extract", project.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let extracted = try Data(contentsOf: out.appendingPathComponent("convention.json"))
        let loaded = ConventionLoader.load(CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"))
        let expected = try SourceData.json(try #require(loaded.convention))
        #expect(extracted == expected)
        // The extracted data is a valid convention file in its own right.
        let reloaded = ConventionLoader.load(out.appendingPathComponent("convention.json"))
        #expect(reloaded.isValid, "\(reloaded.errors)")
        #expect(reloaded.convention == loaded.convention)
    }

    @Test func verifyAcceptsTheDossierAndItsData() throws {
        let result = try CLI.run(["verify", convention.path, "Examples/taounate-2016/convention.yaml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("is the data the dossier was rendered from"))
        // The footer prints the same fingerprint.
        let json = try Data(contentsOf: try { () -> URL in
            let out = try RenderCommandTests.scratch()
            _ = try CLI.run(["extract", convention.path, "--out", out.path])
            return out.appendingPathComponent("convention.json")
        }())
        let text = RenderCommandTests.loose(try RenderCommandTests.tool("pdftotext", [convention.path, "-"]))
        #expect(text.contains(SourceData.fingerprint(of: json)))
    }

    @Test func verifyDetectsAOneByteChangeInThePDF() throws {
        let copy = try RenderCommandTests.scratch().appendingPathComponent("changed.pdf")
        var bytes = try Data(contentsOf: convention)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: copy)
        let result = try CLI.run(["verify", copy.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("the dossier as rendered was changed"))
    }

    @Test func verifyDetectsAChangedAmountInTheData() throws {
        let folder = try RenderCommandTests.scratch()
        let sample = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        // Still valid data (the split of P01 changes, totals unchanged), but not what the dossier shows.
        try sample.replacingOccurrences(of: "{partner: ministry, amount: 2 M}\n      - {partner: apdn, amount: 1.5 M}",
                                        with: "{partner: ministry, amount: 2.1 M}\n      - {partner: apdn, amount: 1.4 M}")
            .write(to: folder.appendingPathComponent("changed.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["verify", convention.path, folder.appendingPathComponent("changed.yaml").path])
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("differs from the data the dossier was rendered from"))
    }

    @Test func verifyShowsTheErrorsOfInvalidData() throws {
        let folder = try RenderCommandTests.scratch()
        let sample = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        try sample.replacingOccurrences(of: "reference: TAO-ART-2016/01", with: "reference: \"\"")
            .write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let result = try CLI.run(["verify", convention.path, "bad.yaml"], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("bad.yaml:16:14: error: convention.reference: required field «reference» is empty; expected text"), "\(result.stdout)")
        #expect(result.stdout.contains("FAIL bad.yaml is not valid convention data (see the errors above)"), "\(result.stdout)")
    }
}

@Suite struct DraftTests {
    @Test func draftsAreUntaggedAndUnsealedButOtherwiseTheSame() throws {
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08", "--only", "P03", "--draft"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdf = out.appendingPathComponent("projects/P03.pdf")
        let info = try RenderCommandTests.tool("pdfinfo", [pdf.path])
        #expect(info.contains("Pages:           2"))
        let check = try RenderCommandTests.tool("qpdf", ["--check", pdf.path])
        #expect(check.contains("No syntax or stream encoding errors") && !check.contains("WARNING"), "\(check)")
        let qdf = try RenderCommandTests.tool("qpdf", ["--qdf", "--object-streams=disable", pdf.path, "-"])
        #expect(!qdf.contains("/AFRelationship"))
        #expect(!qdf.contains("/S /TD"))
        // What a reader's software needs to read it: its language and direction, as in the archival dossier.
        #expect(qdf.contains("/Lang (ar-MA)"), "a draft carries no language")
        #expect(qdf.contains("/Direction /R2L"), "a draft carries no reading direction")
        // Cairo 1.16 writes its dates without `D:`, which PDF/A validators refuse and some viewers then hide.
        #expect(qdf.contains("/CreationDate (D:20161208000000+00'00')"), "a draft's date is not a PDF date")
        let verify = try CLI.run(["verify", pdf.path])
        #expect(verify.status == 1)
        let text = RenderCommandTests.loose(try RenderCommandTests.tool("pdftotext", [pdf.path, "-"]))
        #expect(text.contains(RenderCommandTests.loose("إحداث دار الصانعة للفخار القروي النسوي")))
    }
}
