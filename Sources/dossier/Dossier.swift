import ArgumentParser
import DossierKit
import Foundation

/// The `dossier` command: validates convention data and renders its PDF dossiers.
@main
struct Dossier: ParsableCommand {
    // Every command names itself: ArgumentParser otherwise derives each name from the type by reflection,
    // about 26 million instructions at every start (measured with callgrind).
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Renders official Arabic PDF dossiers of a development convention.",
        subcommands: [Render.self, Validate.self, Mail.self, Send.self, Extract.self, Verify.self, Sign.self, Generate.self, Specimen.self, Manifest.self, Serve.self, Worker.self])

    /// Runs the command; usage errors exit with status 2 (ArgumentParser's default is 64).
    static func main() {
        DossierProcess.prepare()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Output formats of the render commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case pdf, png
}

/// Locates the project folders or stops with a clear message.
func projectRoot() throws -> URL {
    guard let root = ProjectFolders.root() else {
        throw ValidationError("cannot find Fonts/fonts.txt: run dossier from the project folder or set DOSSIER_HOME to it")
    }
    return root
}

/// Prints an error on standard error and exits with `code`.
func fail(_ message: String, code: Int32) -> Never {
    FileHandle.standardError.write(Data(("dossier: " + message + "\n").utf8))
    Foundation.exit(code)
}
