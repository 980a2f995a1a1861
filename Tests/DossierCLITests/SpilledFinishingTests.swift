import DossierArchive
import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// A long dossier's finishing keeps the new bodies of the objects it rewrites (page contents, structure elements,
/// parent tree arrays, link annotations, signature fields' marks) in a scratch file rather than in memory
/// (`ReplacedBodies`). The finished file must be the same bytes either way, and the scratch file must leave nothing.
@Suite struct SpilledFinishingTests {
    @Test func spilledBodiesGiveTheSameFinishedFiles() throws {
        let long = try DrawWhileMakingTests.batch(projects: 40)
        let sample = try DossierBatch(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"),
                                      data: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"),
                                      dataDisplay: "convention.yaml", layoutsFolder: CLI.repoRoot.appendingPathComponent("Layouts"),
                                      layoutsDisplay: "Layouts")
        let folder = try TestTools.scratch("spilled")
        let scratchBefore = Self.scratchFiles()
        // The convention has links (its table of contents) and the sample's signature fields.
        let cases: [(DossierBatch, DossierBatch.Job)] = [(long, .convention)]
            + (try sample.jobs([.convention, .project("P01"), .partners]).map { (sample, $0) })
        for (index, (batch, job)) in cases.enumerated() {
            let drawn = folder.appendingPathComponent("\(index)-drawn.pdf")
            let result = try batch.draw(job, date: DrawWhileMakingTests.date, typesetter: try batch.makeTypesetter(), tagged: true, to: drawn)
            let settings = result.structure.settings(info: result.info)
            let files = try [Int.max, 0].map { spillingFrom in
                let finished = folder.appendingPathComponent("\(index)-\(spillingFrom).pdf")
                try PDFFinisher.finish(drawn, into: finished, settings: settings, spillingFrom: spillingFrom)
                return try Data(contentsOf: finished)
            }
            let same = files[0] == files[1]
            #expect(same, "\(job.stem): finished with its bodies in a scratch file, not the same bytes (\(files[1].count) against \(files[0].count))")
        }
        #expect(Self.scratchFiles() == scratchBefore, "the finishing's scratch files were left behind")
    }

    static func scratchFiles() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? []).filter { $0.hasPrefix("dossier-finishing-") })
    }
}
