import Foundation
import Yams

/// The result of loading a data file: the convention (when it could be built) and every problem found.
public struct LoadResult: Sendable {
    /// The convention, whenever the file is a mapping of sections. When there are errors, the fields they
    /// name hold placeholders (empty text, zero amounts): use it only when `isValid`.
    public var convention: Convention?
    public var problems: [Problem]
    /// True when no problem is an error (warnings allowed) and the convention was built.
    public var isValid: Bool { convention != nil && !problems.contains { $0.severity == .error } }
    public var errors: [Problem] { problems.filter { $0.severity == .error } }
    public var warnings: [Problem] { problems.filter { $0.severity == .warning } }
}

/// Loads convention data from YAML or JSON (same schema), with the CSV imports it names, and validates it.
public enum ConventionLoader {
    /// Loads and validates `url`. Never throws: unreadable or malformed files become problems.
    /// - Parameter displayPath: the file name used in messages (defaults to the path as given).
    public static func load(_ url: URL, displayPath: String? = nil) -> LoadResult {
        let display = displayPath ?? url.relativePath
        guard let data = try? Data(contentsOf: url) else {
            return LoadResult(convention: nil, problems: [Problem(.error, file: display, line: nil, column: nil, path: "",
                                                                   message: "cannot read the file (does it exist?)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return LoadResult(convention: nil, problems: [Problem(.error, file: display, line: nil, column: nil, path: "",
                                                                   message: "the file is not UTF-8 text; save it as UTF-8")])
        }
        return load(text: text, display: display, folder: url.deletingLastPathComponent())
    }

    /// Loads from text (YAML or JSON); `folder` is where CSV imports are looked for.
    public static func load(text: String, display: String, folder: URL) -> LoadResult {
        let log = ProblemLog(file: display)
        if let alias = YAMLAliases.first(in: text) {
            log.error("", "«*\(shown(alias.name))» is read as a YAML alias, and convention data takes none (an alias can make a "
                      + "small file stand for millions of values): write the value out where it is needed; a * that is text "
                      + "must not be followed directly by a Latin letter or digit here",
                      at: DataLocation(file: display, line: alias.line, column: alias.column))
            return LoadResult(convention: nil, problems: log.problems)
        }
        let root: Node
        do {
            // No implicit types: every value is read as text by `NodeReader`, and the default resolver's regular
            // expressions (run for each key, which Yams hashes to find duplicates) were a quarter of loading a
            // 1000-project convention.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                log.error("", "the file is empty; expected a «convention» section, then partners and projects",
                          at: DataLocation(file: display, line: 1, column: 1))
                return LoadResult(convention: nil, problems: log.problems)
            }
            root = node
        } catch {
            let (line, column, message) = describe(error)
            log.error("", "the file is not valid \(display.lowercased().hasSuffix(".json") ? "JSON" : "YAML"): \(message)",
                      at: DataLocation(file: display, line: line, column: column))
            return LoadResult(convention: nil, problems: log.problems)
        }
        log.remember("", DataLocation(file: display, line: 1, column: 1))
        let decoder = ConventionDecoder(reader: NodeReader(file: display, log: log))
        guard let parts = decoder.decode(root) else { return LoadResult(convention: nil, problems: log.problems) }
        var projects = parts.projects
        let importer = CSVImport(log: log, folder: folder, folderDisplay: (display as NSString).deletingLastPathComponent)
        if let file = parts.imports["projects"] { projects += importer.projects(file: file, firstIndex: projects.count) }
        if let file = parts.imports["financing"] { importer.addFinancing(file: file, to: &projects) }
        let convention = Convention(convention: parts.info, partners: parts.partners, projects: projects, meetings: parts.meetings)
        Validator(log: log).check(convention)
        return LoadResult(convention: convention, problems: log.problems)
    }

    /// Checks a convention held in memory (built in code rather than read from a file) with the rules data files
    /// are checked with; its problems have field paths but no line. `display` names it in messages.
    public static func check(_ convention: Convention, display: String = "convention") -> LoadResult {
        let log = ProblemLog(file: display)
        Validator(log: log).check(convention)
        return LoadResult(convention: convention, problems: log.problems)
    }

    /// Line, column and a plain message from a Yams error.
    private static func describe(_ error: Error) -> (Int?, Int?, String) {
        guard let yaml = error as? YamlError else { return (nil, nil, "\(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return (mark.line, mark.column, detail)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, context.mark.column, "the key «\(duplicates.joined(separator: ", "))» appears twice in the same mapping")
        default:
            return (nil, nil, "\(yaml)")
        }
    }
}
