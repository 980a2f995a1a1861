/// A problem found in the data: where it is and what is expected instead.
public struct Problem: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable { case error, warning }

    public var severity: Severity
    /// The file the problem is in.
    public var file: String
    /// 1-based line and column, when known.
    public var line: Int?
    public var column: Int?
    /// Field path, e.g. `projects[3].financing[1].partner` (0-based indexes).
    public var path: String
    public var message: String

    public init(_ severity: Severity, file: String, line: Int?, column: Int?, path: String, message: String) {
        self.severity = severity; self.file = file; self.line = line; self.column = column; self.path = path
        self.message = message
    }

    /// `file:line:column: error: path: message`, the form editors and terminals understand.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        let field = path.isEmpty ? "" : "\(path): "
        return "\(place): \(severity.rawValue): \(field)\(message)"
    }
}

/// A place in a data file.
public struct DataLocation: Hashable, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public init(file: String, line: Int?, column: Int?) { self.file = file; self.line = line; self.column = column }
}

/// Collects problems and remembers where every field path was read from.
final class ProblemLog {
    private(set) var problems: [Problem] = []
    private(set) var locations: [String: DataLocation] = [:]
    let defaultFile: String

    init(file: String) { defaultFile = file }

    func remember(_ path: String, _ location: DataLocation) {
        if locations[path] == nil { locations[path] = location }
    }

    func location(of path: String) -> DataLocation {
        // Fall back to the nearest enclosing path that has a location.
        var probe = path
        while !probe.isEmpty {
            if let found = locations[probe] { return found }
            if let cut = probe.lastIndex(where: { $0 == "." || $0 == "[" }) { probe = String(probe[..<cut]) } else { break }
        }
        return locations[""] ?? DataLocation(file: defaultFile, line: nil, column: nil)
    }

    func error(_ path: String, _ message: String, at location: DataLocation? = nil) {
        add(.error, path, message, location)
    }

    func warning(_ path: String, _ message: String, at location: DataLocation? = nil) {
        add(.warning, path, message, location)
    }

    private func add(_ severity: Problem.Severity, _ path: String, _ message: String, _ location: DataLocation?) {
        let place = location ?? self.location(of: path)
        problems.append(Problem(severity, file: place.file, line: place.line, column: place.column, path: path, message: message))
    }
}
