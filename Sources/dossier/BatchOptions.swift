import ArgumentParser
import DossierKit
import Foundation

/// The options every command that renders dossiers shares: which data, which layouts, which date,
/// how many workers.
struct BatchOptions: ParsableArguments {
    static let sample = "Examples/taounate-2016/convention.yaml"

    @Argument(help: "Convention data (YAML or JSON). Default: the Taounate sample.")
    var data: String?

    @Option(help: "Folder of the layouts (default: Layouts/ of the project).")
    var layouts: String?

    @Option(help: "The dossiers' date (YYYY-MM-DD): printed on the cover and written in the PDF. Default: today.")
    var date: String?

    @Option(help: "Dossiers rendered at the same time (default: all cores). The files are the same whatever the number.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let date, Day(parsing: date) == nil { throw ValidationError("--date \(date): \(Day.expected)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let data, !FileManager.default.fileExists(atPath: data) { throw ValidationError("no such data file: \(data)") }
        if let layouts, !FileManager.default.fileExists(atPath: layouts) { throw ValidationError("no such layouts folder: \(layouts)") }
    }

    /// The date given, or today's (UTC).
    var day: Day { date.flatMap(Day.init(parsing:)) ?? Self.today() }

    static func today() -> Day {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return Day(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// Loads and checks the data and the layouts; throws `CheckFailure` listing every problem.
    func makeBatch() throws -> DossierBatch {
        let root = try projectRoot()
        return try DossierBatch(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"),
                                data: data.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent(Self.sample),
                                dataDisplay: data ?? Self.sample,
                                layoutsFolder: layouts.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("Layouts"),
                                layoutsDisplay: layouts ?? "Layouts")
    }
}
