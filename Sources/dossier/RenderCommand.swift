import ArgumentParser
import DossierKit
import Foundation

/// `dossier render`: checks data and layouts, then renders the dossiers.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Renders the convention, project and meeting dossiers as PDF (or PNG pages).",
        discussion: """
            Checks the data and the layouts first and renders nothing if either has errors. Each file is written \
            under a scratch name; the files are renamed into place once every dossier succeeded, and a failure \
            leaves none of them (files from earlier runs stay as they were). Only regular files are replaced. Output: OUT/convention.pdf, OUT/projects/<code>.pdf, \
            OUT/meetings/<date>.pdf. The same data, layouts and --date give byte-identical PDFs.
            """)

    @OptionGroup var batchOptions: BatchOptions

    @OptionGroup var shardOptions: ShardOptions

    @Option(help: "Output folder.")
    var out: String = "out"

    @Option(parsing: .upToNextOption, help: "What to render: convention, projects, meeting, partners, or project codes (default: convention, projects and meetings).")
    var only: [String] = []

    @Option(help: "Output format: pdf or png.")
    var format: OutputFormat = .pdf

    @Flag(inversion: .prefixedNo, help: "Claim PDF/A-3b (XMP identification, sRGB output intent). Language, direction, tags, attached data and the seal are always written.")
    var pdfa = true

    @Option(help: "Resolution of PNG pages, in dots per inch.")
    var dpi: Double = 100

    @Flag(help: "A draft for quick printing: no structure tags and no archival finishing (no PDF/A, attached data or seal).")
    var draft = false

    func validate() throws {
        guard (10...1200).contains(dpi) else { throw ValidationError("--dpi is between 10 and 1200") }
    }

    func run() throws {
        let day = batchOptions.day
        let batch: DossierBatch
        let selected: [DossierBatch.Job]
        let shard: DossierShard?
        do {
            batch = try batchOptions.makeBatch()
            selected = try batch.jobs(only.map(DossierSelection.init))
            shard = try shardOptions.selectedShard()
        } catch let failure as CheckFailure {
            fail("nothing was rendered; fix these problems first:\n\(failure)", code: 1)
        } catch {
            fail("\(error)", code: 1)
        }
        for warning in batch.warnings { print(warning.description) }
        let folder = URL(fileURLWithPath: out)
        let options = RenderOptions(date: day, format: format == .pdf ? .pdf : .png, draft: draft, pdfa: pdfa, pngDPI: dpi)
        let jobs = shard.map { shard in selected.filter { shard.contains($0.stem) } } ?? selected
        let recorder = ManifestRecorder(folder: folder)
        if let shard { print("shard \(shard): \(jobs.count) of \(selected.count) dossiers") }
        let total = jobs.count
        let current = FileManager.default.currentDirectoryPath + "/"
        do {
            try batch.renderAll(jobs, options: options, folder: folder, workers: batchOptions.jobs) { done, job, files in
                recorder.finished(job, files)
                for file in files {
                    let progress = total > 1 ? "[\(done)/\(total)] " : ""
                    let path = file.url.path.hasPrefix(current) ? String(file.url.path.dropFirst(current.count)) : file.url.path
                    print("\(progress)wrote \(path) (\(file.pages) page\(file.pages == 1 ? "" : "s"))")
                }
            }
        } catch {
            if let shard { try? recorder.writeFailed(error, jobs: jobs, shard: shard, batch: batch, selected: selected) }
            fail("\(error)\nno file of this batch was kept; files from earlier runs are unchanged", code: 1)
        }
        if let shard {
            do {
                try recorder.write(shard: shard, batch: batch, selected: selected)
                print("wrote \(out)/\(ShardManifest.fileName)")
            } catch {
                fail("the dossiers were written but not the manifest: \(error)", code: 1)
            }
        }
    }
}
