import DossierArchive
import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// A long dossier's finishing keeps the new bodies of the objects it rewrites (page contents, structure elements,
/// parent tree arrays, link annotations, signature fields' marks) in a scratch file rather than in memory
/// (`ReplacedBodies`), and has libqpdf read Cairo's file through its own reader rather than a mapping. Lowered to
/// every file, the finished files must be the same bytes, and nothing but them must be left in the output's folder.
@Suite struct SpilledFinishingTests {
    @Test func longFilesAreFinishedToTheSameBytes() throws {
        let long = try DrawWhileMakingTests.batch(projects: 40)
        let sample = try DrawWhileMakingTests.sampleBatch()
        let folder = try TestTools.scratch("spilled")
        // The convention has links (its table of contents), figures and, in the sample, signature fields.
        let cases: [(DossierBatch, DossierBatch.Job)] = [(long, .convention)]
            + (try sample.jobs([.convention, .project("P01"), .partners]).map { (sample, $0) })
        let ways: [(name: String, long: PDFFinisher.LongFile)] = [
            ("short", PDFFinisher.LongFile(spillingFrom: .max, readingThroughFrom: .max)),
            ("spilled", PDFFinisher.LongFile(spillingFrom: 0, readingThroughFrom: .max)),
            ("read through", PDFFinisher.LongFile(spillingFrom: .max, readingThroughFrom: 0)),
        ]
        for (index, (batch, job)) in cases.enumerated() {
            let drawn = folder.appendingPathComponent("drawn-\(index).pdf")
            let result = try batch.draw(job, date: DrawWhileMakingTests.date, typesetter: try batch.makeTypesetter(), tagged: true, to: drawn)
            let settings = result.structure.settings(info: result.info)
            let files = try ways.map { way in
                let output = folder.appendingPathComponent(way.name).appendingPathComponent("\(index).pdf")
                try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                let spilled = try PDFFinisher.finish(drawn, into: output, settings: settings, long: way.long)
                #expect(spilled == (way.name == "spilled"), "\(job.stem), \(way.name): the bodies were \(spilled ? "" : "not ")spilled")
                return try Data(contentsOf: output)
            }
            for (way, file) in zip(ways, files).dropFirst() {
                let same = file == files[0]
                #expect(same, "\(job.stem): finished as a long file (\(way.name)), not the same bytes (\(file.count) against \(files[0].count))")
            }
        }
        for way in ways {
            let left = Set(try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(way.name).path))
            #expect(left == Set((0..<cases.count).map { "\($0).pdf" }), "\(way.name): the output's folder holds \(left.sorted())")
        }
    }
}
