import DossierModel
import Foundation

/// A scratch folder holding `with-csv.yaml` and the CSV files a test gives (the fixture's by default).
struct CSVFolder {
    let url: URL

    init(yaml: String? = nil, projects: String? = nil, financing: String? = nil) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write(yaml ?? Fixtures.text("with-csv.yaml"), "c.yaml")
        try write(projects ?? Fixtures.text("projects.csv"), "projects.csv")
        try write(financing ?? Fixtures.text("financing.csv"), "financing.csv")
    }

    func write(_ text: String, _ name: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func load() -> LoadResult { ConventionLoader.load(url.appendingPathComponent("c.yaml"), displayPath: "data/c.yaml") }
}
