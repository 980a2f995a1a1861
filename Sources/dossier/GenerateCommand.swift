import ArgumentParser
import DossierKit
import Foundation

/// `dossier generate`: writes a synthetic convention for benchmarks.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes a valid synthetic convention of N projects (for benchmarks), varied from the Taounate sample.")

    @Option(help: "Number of projects.")
    var projects: Int = 100

    @Option(help: "Output file (YAML).")
    var out: String

    func validate() throws {
        // Ten times the largest benchmark: a number past it only fills the memory before anything is written.
        guard (1...100_000).contains(projects) else { throw ValidationError("--projects must be from 1 to 100000") }
    }

    func run() throws {
        do {
            try OutputFile.write(Data(SyntheticConvention.yaml(projects: projects).utf8), to: URL(fileURLWithPath: out))
        } catch {
            fail("\(error)", code: 1)
        }
        print("wrote \(out) (\(projects) projects)")
    }
}
