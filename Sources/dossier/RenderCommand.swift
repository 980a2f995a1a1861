import ArgumentParser
import DossierKit
import DossierModel
import Foundation

/// `dossier render`: checks data and layouts, then renders the dossiers.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Renders the convention, project and meeting dossiers as PDF (or PNG pages).",
        discussion: """
            Checks the data and the layouts first and renders nothing if either has errors. Each file is written \
            under a temporary name and renamed when complete. Output: OUT/convention.pdf, OUT/projects/<code>.pdf, \
            OUT/meetings/<date>.pdf. The same data, layouts and --date give byte-identical PDFs.
            """)

    @Argument(help: "Convention data (YAML or JSON). Default: the Taounate sample.")
    var data: String?

    @Option(help: "Folder of the layouts (default: Layouts/ of the project).")
    var layouts: String?

    @Option(help: "Output folder.")
    var out: String = "out"

    @Option(parsing: .upToNextOption, help: "What to render: convention, projects, meeting, or project codes (default: everything).")
    var only: [String] = []

    @Option(help: "Output format: pdf or png.")
    var format: OutputFormat = .pdf

    @Option(help: "The dossiers' date (YYYY-MM-DD): printed on the cover and written in the PDF. Default: today.")
    var date: String?

    @Flag(inversion: .prefixedNo, help: "Claim PDF/A-3b (XMP identification, sRGB output intent). Language, direction, tags, attached data and the seal are always written.")
    var pdfa = true

    @Flag(help: "A draft for quick printing: no structure tags and no archival finishing (no PDF/A, attached data or seal).")
    var draft = false

    @Option(help: "Dossiers rendered at the same time (default: all cores). The files are the same whatever the number.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let date, Day(parsing: date) == nil { throw ValidationError("--date \(date): write the date as YYYY-MM-DD") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("no such data file: \(data)") }
        if let layouts, !FileManager.default.fileExists(atPath: layouts) { throw ValidationError("no such layouts folder: \(layouts)") }
    }

    func run() throws {
        let root = try projectRoot()
        let dataURL = data.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Examples/taounate-2016/convention.yaml")
        let dataDisplay = data ?? "Examples/taounate-2016/convention.yaml"
        let layoutsURL = layouts.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Layouts")
        let day = date.flatMap(Day.init(parsing:)) ?? Render.today()
        let batch: DossierBatch
        let selected: [DossierBatch.Job]
        do {
            let typesetter = try Typesetter(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"))
            batch = try DossierBatch(typesetter: typesetter, data: dataURL, dataDisplay: dataDisplay,
                                     layoutsFolder: layoutsURL, layoutsDisplay: layouts ?? "Layouts")
            selected = try batch.jobs(only.map(DossierSelection.init))
            batch.pdfa = pdfa
            batch.draft = draft
        } catch let failure as CheckFailure {
            fail("nothing was rendered; fix these problems first:\n\(failure)", code: 1)
        } catch {
            fail("\(error)", code: 1)
        }
        for warning in batch.warnings { print(warning.description) }
        let folder = URL(fileURLWithPath: out)
        let total = selected.count
        let current = FileManager.default.currentDirectoryPath + "/"
        do {
            try batch.renderAll(selected, date: day, format: format == .pdf ? .pdf : .png, folder: folder, workers: jobs) { done, _, files in
                for file in files {
                    let progress = total > 1 ? "[\(done)/\(total)] " : ""
                    let path = file.url.path.hasPrefix(current) ? String(file.url.path.dropFirst(current.count)) : file.url.path
                    print("\(progress)wrote \(path) (\(file.pages) page\(file.pages == 1 ? "" : "s"))")
                }
            }
        } catch {
            fail("\(error)", code: 1)
        }
    }

    static func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
