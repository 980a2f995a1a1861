import Foundation
import Yams

/// Reads typed values out of a YAML (or JSON) node tree, recording every problem with its file, line,
/// column and field path instead of stopping at the first one.
struct NodeReader {
    let file: String
    let log: ProblemLog

    /// Typed values are read from the text found here by the path shared with the CSV importer.
    var values: ValueText { ValueText(log: log) }

    func location(_ node: Node) -> DataLocation {
        DataLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    /// The node as a mapping whose keys are all in `allowed`; unknown keys are reported with a suggestion.
    /// When the node is not a mapping, that is reported and `path` is left unread.
    func mapping(_ node: Node, _ path: String, allowed: [String], what: String) -> [String: Node]? {
        log.remember(path, location(node))
        guard case .mapping(let mapping) = node else {
            log.unreadable(path, "expected \(what) (a mapping of fields), found \(describe(node))", at: location(node))
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                log.error(path, "a field name must be plain text, found \(describe(keyNode))", at: location(keyNode))
                continue
            }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            log.remember(childPath, location(keyNode))
            guard allowed.contains(key) else {
                let hint = Suggest.hint(for: key, in: allowed)
                log.error(childPath, "unknown field «\(shown(key))»\(hint); allowed fields: \(allowed.joined(separator: ", "))",
                          at: location(keyNode))
                continue
            }
            result[key] = value
        }
        return result
    }

    /// A YAML null (`~`, `null`, nothing at all) or an empty or blank text.
    func isEmpty(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node else { return false }
        let text = scalar.string.trimmedOfWhiteSpaceAndNewlines
        return text.isEmpty || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(text))
    }

    /// A list; a missing or empty key gives an empty list.
    func list(_ map: [String: Node], _ key: String, _ path: String) -> [(Node, String)] {
        let childPath = join(path, key)
        guard let node = map[key], !isEmpty(node) else { return [] }
        guard case .sequence(let sequence) = node else {
            log.unreadable(childPath, "expected a list (lines starting with «-»), found \(describe(node))", at: location(node))
            return []
        }
        return sequence.enumerated().map { index, element in
            let elementPath = "\(childPath)[\(index)]"
            log.remember(elementPath, location(element))
            return (element, elementPath)
        }
    }

    /// A required field read with `read`. Missing, empty or null, it is an error on its path saying what is
    /// expected (`hint`, or text); either way the field is left unread, never silently dropped.
    private func required<T>(_ map: [String: Node], _ key: String, _ path: String, parent: Node, hint: String? = nil,
                             _ read: ([String: Node], String, String) -> T?) -> T? {
        let fieldPath = join(path, key)
        guard let node = map[key] else {
            log.unreadable(fieldPath, "missing required field «\(key)»" + (hint.map { " (\($0))" } ?? ""), at: location(parent))
            return nil
        }
        guard !isEmpty(node) else {
            log.unreadable(fieldPath, "required field «\(key)» is empty; expected \(hint ?? "text")", at: location(node))
            return nil
        }
        let errorsBefore = log.errorCount
        guard let value = read(map, key, path) else {
            // Readers report their own errors; this makes sure no value is ever left out without one.
            if log.errorCount == errorsBefore { log.error(fieldPath, "«\(key)» could not be read", at: location(node)) }
            log.markUnread(fieldPath)
            return nil
        }
        return value
    }

    /// A required text field.
    func requiredString(_ map: [String: Node], _ key: String, _ path: String, parent: Node, hint: String? = nil) -> String? {
        required(map, key, path, parent: parent, hint: hint, string)
    }

    /// An optional text field; an empty or null value counts as absent.
    func string(_ map: [String: Node], _ key: String, _ path: String) -> String? {
        guard let node = map[key], !isEmpty(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            log.unreadable(join(path, key), "expected text, found \(describe(node))", at: location(node))
            return nil
        }
        return scalar.string.trimmedOfWhiteSpaceAndNewlines
    }

    /// A list of texts. An element that is not text is an error and stays in the list as an empty,
    /// unread text, so that the indexes of the others keep matching the file.
    func strings(_ map: [String: Node], _ key: String, _ path: String) -> [String] {
        list(map, key, path).map { node, elementPath in
            guard case .scalar(let scalar) = node, !isEmpty(node) else {
                log.unreadable(elementPath, "expected text, found \(describe(node))", at: location(node))
                return ""
            }
            return scalar.string.trimmedOfWhiteSpaceAndNewlines
        }
    }

    /// A required amount.
    func requiredMoney(_ map: [String: Node], _ key: String, _ path: String, parent: Node) -> Money? {
        required(map, key, path, parent: parent, hint: "an amount in dirhams, e.g. 5300000 or 5.3 M", money)
    }

    /// An amount: `28250000`, `2410000.50`, `5.3 M`.
    func money(_ map: [String: Node], _ key: String, _ path: String) -> Money? {
        string(map, key, path).flatMap { values.money($0, join(path, key), at: map[key].map(location)) }
    }

    /// A required date.
    func requiredDay(_ map: [String: Node], _ key: String, _ path: String, parent: Node) -> Day? {
        required(map, key, path, parent: parent, hint: "a date YYYY-MM-DD", day)
    }

    /// A date `YYYY-MM-DD`.
    func day(_ map: [String: Node], _ key: String, _ path: String) -> Day? {
        string(map, key, path).flatMap { values.day($0, join(path, key), at: map[key].map(location)) }
    }

    /// A whole number (the sign is kept: negative counts are refused by validation, with their field).
    func int(_ map: [String: Node], _ key: String, _ path: String) -> Int? {
        string(map, key, path).flatMap { values.wholeNumber($0, join(path, key), at: map[key].map(location)) }
    }

    /// An exact decimal (percentages): `35`, `12.5`, `12,5`.
    func decimal(_ map: [String: Node], _ key: String, _ path: String) -> Decimal? {
        string(map, key, path).flatMap { values.decimal($0, join(path, key), at: map[key].map(location)) }
    }

    func bool(_ map: [String: Node], _ key: String, _ path: String) -> Bool? {
        string(map, key, path).flatMap { values.bool($0, join(path, key), at: map[key].map(location)) }
    }

    /// A required choice among the raw values of `T`.
    func requiredChoice<T: RawRepresentable & CaseIterable>(_ map: [String: Node], _ key: String, _ path: String, parent: Node,
                                                            as type: T.Type) -> T? where T.RawValue == String {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        return required(map, key, path, parent: parent, hint: "one of: \(allowed)") { choice($0, $1, $2, as: type) }
    }

    /// One of the raw values of `T`.
    func choice<T: RawRepresentable & CaseIterable>(_ map: [String: Node], _ key: String, _ path: String,
                                                    as type: T.Type) -> T? where T.RawValue == String {
        string(map, key, path).flatMap { values.choice($0, join(path, key), at: map[key].map(location), as: type) }
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "nothing" : "«\(shown(s.string))»"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// Numbers as YAML, JSON and CSV files write them, parsed the same way for all three.
enum Parse {
    /// `700`, `1 200`, `-3` (validation refuses negative counts with their field).
    static func wholeNumber(_ text: String) -> Int? { Int(text.removing([" "])) }

    /// `true`, `yes`, `oui`, `نعم` and their opposites, in any case.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "oui", "نعم": return true
        case "false", "no", "non", "لا": return false
        default: return nil
        }
    }

    /// An exact decimal: `35`, `12.5`, `12,5`, `12,5 %`.
    static func decimal(_ text: String) -> Decimal? {
        let normalized = text.replacing(",", with: ".").removing(["%"]).trimmedOfWhiteSpace
        guard isPlainDecimal(normalized) else { return nil }
        return Decimal(string: normalized, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Whether `text` is digits with an optional leading minus and an optional fraction (`-12.5`), and at most one
    /// line ending after them: what the regular expression `^-?[0-9]+(\.[0-9]+)?$` matched, without compiling it
    /// again for every value read.
    static func isPlainDecimal(_ text: String) -> Bool {
        var scalars = text.droppingFinalLineEnd.unicodeScalars[...]
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let whole = scalars.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        scalars = scalars.dropFirst(whole.count)
        guard let point = scalars.first else { return true }
        guard point == "." else { return false }
        let fraction = scalars.dropFirst()
        return !fraction.isEmpty && fraction.allSatisfy(isDigit)
    }
}
