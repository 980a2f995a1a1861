import DossierModel
import Foundation

/// One data file's validation result, as `dossier validate --format json` prints it and as the service's
/// `POST /v1/validate` returns it. Both go through `json(_:)`, so the two outputs cannot drift apart.
public struct ValidationReport: Encodable, Sendable {
    /// The file as named in the problems (the path given on the command line, or the service's fixed name).
    public var file: String
    /// No error (warnings allowed) and the convention could be built.
    public var valid: Bool
    /// Every problem, errors and warnings, with its place.
    public var problems: [Problem]

    /// The report of a loaded file.
    public init(file: String, result: LoadResult) {
        self.file = file
        self.valid = result.isValid
        self.problems = result.problems
    }

    /// Loads and validates `url` (CSV imports are looked for next to it); `display` names it in the problems.
    public static func check(_ url: URL, display: String) -> (report: ValidationReport, result: LoadResult) {
        let result = ConventionLoader.load(url, displayPath: display)
        return (ValidationReport(file: display, result: result), result)
    }

    /// The reports as pretty-printed JSON with sorted keys (the bytes `dossier validate --format json` prints,
    /// without the final newline).
    public static func json(_ reports: [ValidationReport]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(reports)
    }
}
