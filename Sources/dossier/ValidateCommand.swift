import ArgumentParser
import DossierKit
import Foundation

/// `dossier validate FILE…`: checks convention data and prints every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Checks convention data files (YAML or JSON) and prints every problem with its place.",
        discussion: "Exit status: 0 when every file is valid (warnings allowed), 1 when the data has errors, 2 on usage errors.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "Convention data files (.yaml, .yml or .json).")
    var files: [String]

    @Option(help: "Output: text (one line per problem) or json (for other tools).")
    var format: Format = .text

    func validate() throws {
        for file in files where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("no such file: \(file)")
        }
    }

    func run() throws {
        let results = files.map { ($0, ConventionLoader.load(URL(fileURLWithPath: $0), displayPath: $0)) }
        switch format {
        case .text: printText(results)
        case .json: try printJSON(results)
        }
        if results.contains(where: { !$0.1.isValid }) { throw ExitCode(1) }
    }

    private func printText(_ results: [(String, LoadResult)]) {
        for (file, result) in results {
            for problem in result.problems { print(problem.description) }
            let warnings = result.warnings.count, errors = result.errors.count
            if result.isValid, let convention = result.convention {
                let total = MoroccanFormat().money(convention.projectsTotal)
                print("\(file): valid — \(convention.projects.count) projects, \(convention.partners.count) partners, "
                      + "total \(total)" + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
            } else {
                print("\(file): \(errors) error(s), \(warnings) warning(s)")
            }
        }
    }

    private func printJSON(_ results: [(String, LoadResult)]) throws {
        let reports = results.map { ValidationReport(file: $0.0, result: $0.1) }
        print(String(decoding: try ValidationReport.json(reports), as: UTF8.self))
    }
}
