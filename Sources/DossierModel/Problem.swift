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
        let place = DataLocation(file: file, line: line, column: column).description
        let field = path.isEmpty ? "" : "\(path): "
        return "\(place): \(severity.rawValue): \(field)\(message)"
    }
}

/// A place in a data file.
public struct DataLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    public init(file: String, line: Int?, column: Int?) { self.file = file; self.line = line; self.column = column }

    /// `file:line:column`, or less when the line or column is not known.
    public var description: String {
        guard let line else { return file }
        return "\(file):\(line)" + (column.map { ":\($0)" } ?? "")
    }
}

/// Collects problems and remembers where every field path was read from, and which fields could not be
/// read (so that rules depending on them say they cannot be checked instead of judging placeholders).
final class ProblemLog {
    /// The problems listed, then one that counts those past `listedAtMost`.
    var problems: [Problem] {
        guard unlistedErrors + unlistedWarnings > 0 else { return listed }
        // An error only when errors were left out: more than a thousand warnings leave a file valid.
        return listed + [Problem(unlistedErrors > 0 ? .error : .warning, file: defaultFile, line: nil, column: nil, path: "",
                                 message: "… and \(unlistedErrors) more error(s) and \(unlistedWarnings) more warning(s) not listed "
                                    + "(only the first \(Self.listedAtMost) problems are); fix these and check the file again")]
    }
    /// A file of 300 000 unknown keys gave as many errors: megabytes of messages (and of JSON from the server) that no
    /// one reads. The first thousand are listed and the others counted.
    static let listedAtMost = 1000
    private var listed: [Problem] = []
    private var unlistedErrors = 0
    private var unlistedWarnings = 0
    private(set) var locations: [String: DataLocation] = [:]
    /// Field paths whose value could not be read; an error names each of them.
    private var unread: Set<String> = []
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

    /// Reports that the value at `path` could not be read: the error, and the path left unread.
    func unreadable(_ path: String, _ message: String, at location: DataLocation? = nil) {
        error(path, message, at: location)
        unread.insert(path)
    }

    /// Marks `path` unread when its own error was already reported (e.g. by a reader of a nested field).
    func markUnread(_ path: String) { unread.insert(path) }

    var errorCount: Int { listed.count { $0.severity == .error } + unlistedErrors }

    /// True when neither `path` nor a field containing it was left unread.
    func wasRead(_ path: String) -> Bool {
        !unread.contains { $0 == path || Self.path($0, contains: path) }
    }

    /// True when `path` was read with everything in it (no field inside it was left unread either).
    func wasFullyRead(_ path: String) -> Bool {
        wasRead(path) && !unread.contains { Self.path(path, contains: $0) }
    }

    /// The unread fields that keep `path` from being known: itself or a field containing it, and with
    /// `inside`, fields inside it too. Sorted, for messages.
    func unreadCauses(of path: String, inside: Bool = false) -> [String] {
        unread.filter { $0 == path || Self.path($0, contains: path) || (inside && Self.path(path, contains: $0)) }.sorted()
    }

    /// Whether `inner` is a field of `outer` (`projects[1]` contains `projects[1].amount`, not `projects[10]`).
    static func path(_ outer: String, contains inner: String) -> Bool {
        guard inner.count > outer.count, inner.hasPrefix(outer) else { return false }
        if outer.isEmpty { return true }
        let next = inner[inner.index(inner.startIndex, offsetBy: outer.count)]
        return next == "." || next == "["
    }

    func warning(_ path: String, _ message: String, at location: DataLocation? = nil) {
        add(.warning, path, message, location)
    }

    private func add(_ severity: Problem.Severity, _ path: String, _ message: String, _ location: DataLocation?) {
        guard listed.count < Self.listedAtMost else {
            if severity == .error { unlistedErrors += 1 } else { unlistedWarnings += 1 }
            return
        }
        let place = location ?? self.location(of: path)
        listed.append(Problem(severity, file: place.file, line: place.line, column: place.column, path: path, message: message))
    }
}

/// A value from the data as messages show it: control characters written as `[U+000A]` (a message never
/// carries a raw line break, NUL or escape sequence to a terminal) and long values shortened.
func shown(_ text: String, limit: Int = 60) -> String {
    var result = ""
    for scalar in text.unicodeScalars.prefix(limit) {
        result += scalar.isControlCharacter ? "[\(scalar.codePoint)]" : String(scalar)
    }
    return text.unicodeScalars.count > limit ? result + "…" : result
}

extension Unicode.Scalar {
    /// C0 controls, DEL and C1 controls (U+0080–U+009F).
    var isControlCharacter: Bool { value < 0x20 || (0x7F...0x9F).contains(value) }

    /// `U+000A`, `U+1F600`: how messages name a character.
    var codePoint: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
