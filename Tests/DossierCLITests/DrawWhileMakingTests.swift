import DossierArchive
import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// A long document is drawn by Cairo while its later pages are made on another thread (`PaginatedDocument
/// .drawWhileMaking`). The file must be the one drawing the laid-out pages gives, byte for byte, and so must what the
/// finishing learns from the pages as they go by (figures, header cells, links, signature fields); a failure on
/// either side must stop the other and leave nothing running.
@Suite struct DrawWhileMakingTests {
    static let date = Day(parsing: "2016-12-08")!

    static func batch(projects: Int) throws -> DossierBatch {
        let folder = try TestTools.scratch("while-making")
        let data = folder.appendingPathComponent("convention.yaml")
        try SyntheticConvention.yaml(projects: projects).write(to: data, atomically: true, encoding: .utf8)
        return try DossierBatch(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"), data: data,
                                dataDisplay: "convention.yaml", layoutsFolder: CLI.repoRoot.appendingPathComponent("Layouts"),
                                layoutsDisplay: "Layouts")
    }

    /// The Taounate sample with the shipped layouts.
    static func sampleBatch() throws -> DossierBatch {
        try DossierBatch(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"),
                         data: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"),
                         dataDisplay: "convention.yaml", layoutsFolder: CLI.repoRoot.appendingPathComponent("Layouts"),
                         layoutsDisplay: "Layouts")
    }

    /// Both ways of drawing one job: the file's bytes and the settings the finishing would get.
    static func drawBothWays(_ batch: DossierBatch, _ job: DossierBatch.Job, tagged: Bool)
        throws -> [(file: Data, settings: ArchiveSettings, pages: Int)] {
        let typesetter = try batch.makeTypesetter()
        let folder = try TestTools.scratch("drawn")
        return try [false, true].map { whileMaking in
            let url = folder.appendingPathComponent("\(whileMaking).pdf")
            let drawn = try batch.draw(job, date: date, typesetter: typesetter, tagged: tagged, to: url, whileMaking: whileMaking)
            return (try Data(contentsOf: url), drawn.structure.settings(info: drawn.info), drawn.pages)
        }
    }

    @Test(arguments: [true, false])
    func aLongConventionIsTheSameFileDrawnWhileItsPagesAreMade(tagged: Bool) throws {
        let batch = try Self.batch(projects: 40)
        let both = try Self.drawBothWays(batch, .convention, tagged: tagged)
        #expect(both[0].pages > 64, "the convention should be long enough to be drawn while made by default (\(both[0].pages) pages)")
        #expect(both[0].pages == both[1].pages)
        let sameFile = both[0].file == both[1].file
        #expect(sameFile, "drawn while made: not the bytes of the laid-out pages' drawing (\(both[1].file.count) against \(both[0].file.count))")
        let (serial, streamed) = (both[0].settings, both[1].settings)
        #expect(!serial.figureAlternatives.isEmpty && !serial.headerScopes.isEmpty && !serial.linkDescriptions.isEmpty)
        for (what, same) in [("figure alternatives", streamed.figureAlternatives == serial.figureAlternatives),
                             ("header scopes", streamed.headerScopes == serial.headerScopes),
                             ("link descriptions", streamed.linkDescriptions == serial.linkDescriptions),
                             ("signature fields", streamed.signatureFields == serial.signatureFields)] {
            #expect(same, "drawn while made: the finishing would get other \(what)")
        }
    }

    /// The sample's dossiers, short enough to be drawn after their pages are made by default, drawn both ways:
    /// signature fields (the convention's signature table) and the partner letters' single pages.
    @Test func theSampleIsTheSameFilesEitherWay() throws {
        let batch = try Self.sampleBatch()
        for job in try batch.jobs([.convention, .project("P01"), .partners]) {
            let both = try Self.drawBothWays(batch, job, tagged: true)
            let sameFile = both[0].file == both[1].file
            #expect(sameFile, "\(job.stem): drawn while made, not the same bytes")
            #expect(both[0].settings.signatureFields == both[1].settings.signatureFields, "\(job.stem)")
        }
        let convention = try Self.drawBothWays(batch, .convention, tagged: true)
        #expect(!convention[1].settings.signatureFields.isEmpty, "the convention's signature fields were not gathered")
    }

    /// A document too long to keep its boxes has them built again as its pages are made (`BodyStream`): lowered to
    /// every document, the 40-project convention, the sample's dossiers and a draft are the same files, with the
    /// same settings for the finishing, drawn while made or not.
    @Test(arguments: [true, false])
    func streamedBoxesGiveTheSameFiles(whileMaking: Bool) throws {
        let long = try Self.batch(projects: 40)
        let sample = try Self.sampleBatch()
        let folder = try TestTools.scratch("streamed")
        let cases: [(DossierBatch, DossierBatch.Job, Bool)] = [(long, .convention, true), (long, .convention, false)]
            + (try sample.jobs([.convention, .project("P01"), .partners]).map { (sample, $0, true) })
        for (index, (batch, job, tagged)) in cases.enumerated() {
            let drawn = try [Int.max, 1].map { streamedFrom in
                let typesetter = try batch.makeTypesetter()
                typesetter.boxesStreamedFrom = streamedFrom
                let url = folder.appendingPathComponent("\(index)-\(streamedFrom).pdf")
                let result = try batch.draw(job, date: Self.date, typesetter: typesetter, tagged: tagged, to: url, whileMaking: whileMaking)
                return (file: try Data(contentsOf: url), settings: result.structure.settings(info: result.info))
            }
            let sameFile = drawn[0].file == drawn[1].file
            #expect(sameFile, "\(job.stem) (tagged: \(tagged)): streamed boxes do not give the same bytes (\(drawn[1].file.count) against \(drawn[0].file.count))")
            let (kept, streamed) = (drawn[0].settings, drawn[1].settings)
            #expect(streamed.figureAlternatives == kept.figureAlternatives && streamed.headerScopes == kept.headerScopes
                    && streamed.linkDescriptions == kept.linkDescriptions && streamed.signatureFields == kept.signatureFields,
                    "\(job.stem): streamed boxes would give the finishing other settings")
        }
    }

    /// A long convention (drawn while its pages are made) for the command line, with the layouts to use.
    static func longConvention(footerPrefix: String = "") throws -> (data: URL, layouts: URL, out: URL) {
        let folder = try TestTools.scratch("long")
        let data = folder.appendingPathComponent("convention.yaml")
        try SyntheticConvention.yaml(projects: 40).write(to: data, atomically: true, encoding: .utf8)
        let layouts = folder.appendingPathComponent("Layouts")
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Layouts"), to: layouts)
        let convention = layouts.appendingPathComponent("convention.xml")
        let text = try String(contentsOf: convention, encoding: .utf8)
        try text.replacingOccurrences(of: "\n  <footer>", with: "\n  <footer>" + footerPrefix)  // the page footer, not the tables'
            .write(to: convention, atomically: true, encoding: .utf8)
        return (data, layouts, folder.appendingPathComponent("out"))
    }

    /// Cairo failing while the pages are still being made: the maker stops, the command fails, nothing is left.
    @Test(arguments: [false, true])
    func aDrawingThatFailsStopsTheMakingAndLeavesNothing(draft: Bool) throws {
        let (data, layouts, out) = try Self.longConvention()
        let result = try CLI.run(["render", data.path, "--layouts", layouts.path, "--only", "convention", "--out", out.path,
                                  "--date", "2016-12-08"] + (draft ? ["--draft"] : []),
                                 environment: ["DOSSIER_TEST_FAIL_AT": "cairo-page"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("failure injected"), "\(result.stderr)")
        #expect(OutputSafetyTests.files(out).isEmpty, "\(OutputSafetyTests.files(out))")
    }

    /// A page whose running text cannot be shaped is found while the first pages are already drawn: the error names
    /// the footer and the character, the command fails, nothing is left.
    @Test func aPageThatCannotBeMadeFailsTheDrawingAndLeavesNothing() throws {
        let (data, layouts, out) = try Self.longConvention(footerPrefix: "\u{2603} ")
        let result = try CLI.run(["render", data.path, "--layouts", layouts.path, "--only", "convention", "--out", out.path,
                                  "--date", "2016-12-08"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("page footer") && result.stderr.contains("U+2603"), "\(result.stderr)")
        #expect(OutputSafetyTests.files(out).isEmpty, "\(OutputSafetyTests.files(out))")
    }
}
