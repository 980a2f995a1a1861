import DossierModel
import Foundation
import Testing

enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// Loads the minimal fixture after replacing `old` with `new` (which must occur).
    static func loadMinimal(replacing old: String, with new: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadResult {
        let original = try text("minimal.yaml")
        #expect(original.contains(old), "fixture lacks «\(old)»", sourceLocation: sourceLocation)
        return ConventionLoader.load(text: original.replacingOccurrences(of: old, with: new), display: "minimal.yaml", folder: folder)
    }
}

@Suite struct LoadingTests {
    @Test func theSampleIsValidAndAddsUpTo28Point25Million() {
        let url = Fixtures.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml")
        let result = ConventionLoader.load(url, displayPath: "convention.yaml")
        #expect(result.errors.isEmpty, "\(result.errors)")
        let convention = try! #require(result.convention)
        #expect(convention.projects.count == 8)
        #expect(convention.convention.totalAmount == Money(dirhams: 28_250_000))
        #expect(convention.projectsTotal == Money(dirhams: 28_250_000))
        #expect(convention.convention.beneficiaries == 700)
        #expect(convention.meetings.first?.date == Day(year: 2016, month: 12, day: 8))
        for project in convention.projects { #expect(project.financedTotal == project.amount) }
        let contacts = convention.partners.flatMap(\.contacts).map(\.email)
        #expect(contacts.allSatisfy { $0.hasSuffix("example.org") })
    }

    @Test func minimalFixtureIsValid() throws {
        let result = ConventionLoader.load(Fixtures.folder.appendingPathComponent("minimal.yaml"))
        #expect(result.problems.isEmpty, "\(result.problems)")
    }

    @Test func yamlAndJSONGiveTheSameConvention() throws {
        let yaml = ConventionLoader.load(Fixtures.folder.appendingPathComponent("minimal.yaml"))
        let json = ConventionLoader.load(Fixtures.folder.appendingPathComponent("minimal.json"))
        #expect(json.problems.isEmpty, "\(json.problems)")
        #expect(yaml.convention != nil)
        #expect(yaml.convention == json.convention)
    }

    @Test func csvImportGivesTheSameProjectsAsYAML() throws {
        let csv = ConventionLoader.load(Fixtures.folder.appendingPathComponent("with-csv.yaml"))
        #expect(csv.errors.isEmpty, "\(csv.errors)")
        let projects = try #require(csv.convention?.projects)
        #expect(projects.map(\.code) == ["P1", "P2"])
        #expect(projects[1].title == "المشروع الثاني، مع فاصلة")
        #expect(projects[1].locations == [Location(commune: "كيسان", douars: ["دوار كدارة"]), Location(commune: "البيبان")])
        #expect(projects[0].progress == Progress(physical: 50, committed: Money(dirhams: 2_000_000), disbursed: Money(dirhams: 1_000_000)))
        let yaml = try #require(ConventionLoader.load(Fixtures.folder.appendingPathComponent("minimal.yaml")).convention)
        #expect(projects.map(\.financing) == yaml.projects.map(\.financing))
        #expect(projects.map(\.amount) == yaml.projects.map(\.amount))
    }

    @Test func csvProblemsPointAtTheCell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Fixtures.text("with-csv.yaml").write(to: folder.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)
        try Fixtures.text("projects.csv").replacingOccurrences(of: "2000000,,,planned", with: "deux millions,,,planned")
            .write(to: folder.appendingPathComponent("projects.csv"), atomically: true, encoding: .utf8)
        try Fixtures.text("financing.csv").replacingOccurrences(of: "P2,indh", with: "P9,indh")
            .write(to: folder.appendingPathComponent("financing.csv"), atomically: true, encoding: .utf8)
        let result = ConventionLoader.load(folder.appendingPathComponent("c.yaml"), displayPath: "data/c.yaml")
        let lines = result.errors.map(\.description)
        #expect(lines.contains("data/projects.csv:3:57: error: projects[1].amount: «deux millions» is not an amount; write dirhams (28250000 or 2410000.50) or millions with M (5.3 M), at most 2 decimals of a dirham"), "\(lines)")
        #expect(lines.contains("data/financing.csv:5:1: error: unknown project code «P9»; known codes: P1, P2"), "\(lines)")
    }
}
