import Foundation
import Yams

/// Reads typed values out of a YAML (or JSON) node tree, recording every problem with its file, line,
/// column and field path instead of stopping at the first one.
struct NodeReader {
    let file: String
    let log: ProblemLog

    func location(_ node: Node) -> DataLocation {
        DataLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    /// The node as a mapping whose keys are all in `allowed`; unknown keys are reported with a suggestion.
    func mapping(_ node: Node, _ path: String, allowed: [String], what: String) -> [String: Node]? {
        log.remember(path, location(node))
        guard case .mapping(let mapping) = node else {
            log.error(path, "expected \(what) (a mapping of fields), found \(describe(node))", at: location(node))
            return nil
        }
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            log.remember(childPath, location(keyNode))
            guard allowed.contains(key) else {
                let hint = Suggest.closest(to: key, in: allowed).map { " (did you mean «\($0)»?)" } ?? ""
                log.error(childPath, "unknown field «\(key)»\(hint); allowed fields: \(allowed.joined(separator: ", "))",
                          at: location(keyNode))
                continue
            }
            result[key] = value
        }
        return result
    }

    /// A list; a missing key gives an empty list.
    func list(_ map: [String: Node], _ key: String, _ path: String) -> [(Node, String)] {
        let childPath = join(path, key)
        guard let node = map[key] else { return [] }
        if case .scalar(let s) = node, s.string.isEmpty || s.string == "~" || s.string == "null" { return [] }
        guard case .sequence(let sequence) = node else {
            log.error(childPath, "expected a list (lines starting with «-»), found \(describe(node))", at: location(node))
            return []
        }
        return sequence.enumerated().map { index, element in
            let elementPath = "\(childPath)[\(index)]"
            log.remember(elementPath, location(element))
            return (element, elementPath)
        }
    }

    /// A required field read with `read`; when it is missing, the error says what is expected (`hint`).
    private func required<T>(_ map: [String: Node], _ key: String, _ path: String, parent: Node, hint: String? = nil,
                             _ read: ([String: Node], String, String) -> T?) -> T? {
        guard map[key] != nil else {
            log.error(join(path, key), "missing required field «\(key)»" + (hint.map { " (\($0))" } ?? ""), at: location(parent))
            return nil
        }
        return read(map, key, path)
    }

    /// A required text field.
    func requiredString(_ map: [String: Node], _ key: String, _ path: String, parent: Node) -> String? {
        required(map, key, path, parent: parent, string)
    }

    /// An optional text field; an empty value counts as absent.
    func string(_ map: [String: Node], _ key: String, _ path: String) -> String? {
        guard let node = map[key] else { return nil }
        guard case .scalar(let scalar) = node else {
            log.error(join(path, key), "expected text, found \(describe(node))", at: location(node))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if scalar.style == .plain && (text == "~" || text == "null") { return nil }
        return text.isEmpty ? nil : text
    }

    /// A list of texts.
    func strings(_ map: [String: Node], _ key: String, _ path: String) -> [String] {
        list(map, key, path).compactMap { node, elementPath in
            guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
                log.error(elementPath, "expected text, found \(describe(node))", at: location(node))
                return nil
            }
            return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// A required amount.
    func requiredMoney(_ map: [String: Node], _ key: String, _ path: String, parent: Node) -> Money? {
        required(map, key, path, parent: parent, hint: "an amount in dirhams, e.g. 5300000 or 5.3 M", money)
    }

    /// An amount: `28250000`, `2410000.50`, `5.3 M`.
    func money(_ map: [String: Node], _ key: String, _ path: String) -> Money? {
        guard let text = string(map, key, path) else { return nil }
        guard let value = Money(parsing: text) else {
            log.error(join(path, key), "«\(text)» is not an amount; write dirhams (28250000 or 2410000.50) "
                      + "or millions with M (5.3 M), at most 2 decimals of a dirham", at: map[key].map(location))
            return nil
        }
        return value
    }

    /// A required date.
    func requiredDay(_ map: [String: Node], _ key: String, _ path: String, parent: Node) -> Day? {
        required(map, key, path, parent: parent, hint: "a date YYYY-MM-DD", day)
    }

    /// A date `YYYY-MM-DD`.
    func day(_ map: [String: Node], _ key: String, _ path: String) -> Day? {
        guard let text = string(map, key, path) else { return nil }
        guard let value = Day(parsing: text) else {
            log.error(join(path, key), "«\(text)» is not a date; write YYYY-MM-DD, e.g. 2016-12-08", at: map[key].map(location))
            return nil
        }
        return value
    }

    /// A whole number.
    func int(_ map: [String: Node], _ key: String, _ path: String) -> Int? {
        guard let text = string(map, key, path) else { return nil }
        guard let value = Int(text.replacingOccurrences(of: " ", with: "")) else {
            log.error(join(path, key), "«\(text)» is not a whole number", at: map[key].map(location))
            return nil
        }
        return value
    }

    /// An exact decimal (percentages): `35`, `12.5`, `12,5`.
    func decimal(_ map: [String: Node], _ key: String, _ path: String) -> Decimal? {
        guard let text = string(map, key, path) else { return nil }
        let normalized = text.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "%", with: "")
            .trimmingCharacters(in: .whitespaces)
        guard normalized.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil,
              let value = Decimal(string: normalized, locale: Locale(identifier: "en_US_POSIX")) else {
            log.error(join(path, key), "«\(text)» is not a number (e.g. 35 or 12.5)", at: map[key].map(location))
            return nil
        }
        return value
    }

    func bool(_ map: [String: Node], _ key: String, _ path: String) -> Bool? {
        guard let text = string(map, key, path) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "oui", "نعم": return true
        case "false", "no", "non", "لا": return false
        default:
            log.error(join(path, key), "«\(text)» is not true or false", at: map[key].map(location))
            return nil
        }
    }

    /// One of the raw values of `T`.
    func choice<T: RawRepresentable & CaseIterable>(_ map: [String: Node], _ key: String, _ path: String,
                                                    as type: T.Type) -> T? where T.RawValue == String {
        guard let text = string(map, key, path) else { return nil }
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            log.error(join(path, key), "«\(text)» is not allowed here; expected one of: \(allowed)", at: map[key].map(location))
            return nil
        }
        return value
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "nothing" : "«\(s.string)»"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// Finds the closest allowed word to a misspelt one.
enum Suggest {
    static func closest(to word: String, in candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(Array(word.lowercased()), Array($0.lowercased()))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
