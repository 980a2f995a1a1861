import DossierModel
import DossierContent
import Foundation

/// Checks a layout file and compiles it, reporting every problem with its file, line and column:
/// unknown elements and attributes, bad nesting, unknown fields, wrong formatters, missing includes.
final class LayoutCompiler {
    let folder: URL
    let folderDisplay: String
    private(set) var problems: [LayoutProblem] = []
    var styles = StyleSheet()
    var settings = LayoutSettings()
    private var includeStack: [String] = []
    /// The styles files being read, so that one naming itself in `src` is reported instead of recursing.
    var stylesStack: [String] = []
    private var parsed: [String: XMLElement] = [:]

    /// Variables visible to the layout, with their types.
    typealias Scope = [String: FieldType]

    init(folder: URL, folderDisplay: String) {
        self.folder = folder
        self.folderDisplay = folderDisplay
    }

    func error(_ location: LayoutLocation, _ message: String) {
        let problem = LayoutProblem(location: location, message: message)
        if !problems.contains(problem) { problems.append(problem) }
    }

    func display(_ file: String) -> String { folderDisplay.isEmpty ? file : "\(folderDisplay)/\(file)" }

    /// Reads and parses a file of the layouts folder (once).
    func element(file: String, from location: LayoutLocation?) -> XMLElement? {
        if let known = parsed[file] { return known }
        guard !file.contains(".."), !file.hasPrefix("/") else {
            error(location ?? LayoutLocation(file: display(file), line: 1, column: 1),
                  "«\(file)» is outside the layouts folder; layouts include only files of their own folder")
            return nil
        }
        let url = folder.appendingPathComponent(file)
        if FileManager.default.fileExists(atPath: url.path), !FolderContainment.contains(folder, url) {
            error(location ?? LayoutLocation(file: display(file), line: 1, column: 1),
                  "«\(file)» is a link to a file outside the layouts folder; layouts include only files of their own folder")
            return nil
        }
        guard let data = try? Data(contentsOf: url) else {
            error(location ?? LayoutLocation(file: display(file), line: 1, column: 1), "cannot read the layout file «\(file)»")
            return nil
        }
        do {
            let root = try XMLTreeParser.parse(data, file: display(file))
            parsed[file] = root
            return root
        } catch let failure as XMLTreeParser.Failure {
            error(failure.location, failure.message)
        } catch let other {
            error(LayoutLocation(file: display(file), line: 1, column: 1), "\(other)")
        }
        return nil
    }

    // MARK: Attributes

    /// Reports attributes not in `allowed` and required ones that are missing.
    func checkAttributes(_ e: XMLElement, allowed: [String], required: [String] = []) {
        for name in e.attributeOrder where !allowed.contains(name) {
            let hint = Suggest.hint(for: name, in: allowed)
            let list = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            error(e.location, "<\(e.name)> has no attribute «\(name)»\(hint); allowed: \(list)")
        }
        for name in required where e.attributes[name] == nil {
            error(e.location, "<\(e.name)> needs the attribute «\(name)»")
        }
    }

    func length(_ e: XMLElement, _ name: String) -> Double? {
        guard let text = e.attributes[name] else { return nil }
        guard let value = Units.length(text) else {
            error(e.location, "\(name)=\"\(text)\" is not a length; \(Units.lengthHelp)")
            return nil
        }
        return value
    }

    func choice<T: RawRepresentable>(_ e: XMLElement, _ name: String, _ type: T.Type, allowed: [String]) -> T? where T.RawValue == String {
        guard let text = e.attributes[name] else { return nil }
        guard let value = T(rawValue: text) else {
            error(e.location, "\(name)=\"\(text)\" is not allowed; expected one of: \(allowed.joined(separator: ", "))")
            return nil
        }
        return value
    }

    func yesNo(_ e: XMLElement, _ name: String, default value: Bool) -> Bool {
        guard let text = e.attributes[name] else { return value }
        switch text {
        case "yes", "true": return true
        case "no", "false": return false
        default:
            error(e.location, "\(name)=\"\(text)\" is yes or no")
            return value
        }
    }

    func color(_ e: XMLElement, _ name: String) -> String? {
        guard let text = e.attributes[name] else { return nil }
        if text == "none" { return nil }
        guard Units.isColor(text) else { error(e.location, "\(name)=\"\(text)\" is not a colour; write #rrggbb or none"); return nil }
        return text
    }

    // MARK: Fields

    /// The type of a field path in `scope`, or nil after reporting why it does not exist.
    func type(of path: [String], in scope: Scope, at location: LayoutLocation) -> FieldType? {
        guard let first = path.first, var current = scope[first] else {
            let known = scope.keys.sorted().joined(separator: ", ")
            error(location, "unknown field «\(path.joined(separator: "."))»: «\(path.first ?? "")» is not defined here; available: \(known)")
            return nil
        }
        for (index, name) in path.enumerated().dropFirst() {
            guard case .object(let typeName) = current, let fields = Schema.types[typeName] else {
                error(location, "«\(path[..<index].joined(separator: "."))» is \(current) and has no field «\(name)»")
                return nil
            }
            guard let next = fields[name] else {
                let hint = Suggest.hint(for: name, in: Array(fields.keys))
                error(location, "unknown field «\(path.joined(separator: "."))»\(hint); a \(typeName) has: "
                      + fields.keys.sorted().joined(separator: ", "))
                return nil
            }
            current = next
        }
        return current
    }

    /// Checks `{…}` fields and formatters in text.
    func pieces(_ text: String, in scope: Scope, at location: LayoutLocation) -> [TextPiece] {
        do {
            let pieces = try ExpressionParser.pieces(text)
            for case .expression(let expression) in pieces { check(expression, in: scope, at: location) }
            return pieces
        } catch let failure as ExpressionParser.Failure {
            error(location, failure.message)
        } catch let other {
            error(location, "\(other)")
        }
        return []
    }

    func check(_ expression: Expression, in scope: Scope, at location: LayoutLocation) {
        guard var type = type(of: expression.path, in: scope, at: location) else { return }
        let name = expression.path.joined(separator: ".")
        if expression.formatters.isEmpty {
            if case .object = type { error(location, "«\(name)» is \(type); write one of its fields, e.g. {\(name).…}") }
        }
        for formatter in expression.formatters {
            guard formatter.accepts(type) else {
                error(location, "formatter «\(formatter.rawValue)» expects \(formatter.expects), but «\(name)» is \(type)")
                return
            }
            type = formatter.output
        }
    }

    /// `each="name in path"`: the loop and the scope inside it.
    func loop(_ text: String, in scope: Scope, at location: LayoutLocation) -> (Loop, Scope)? {
        let words = text.split(separator: " ").map(String.init)
        guard words.count == 3, words[1] == "in", words[0].allSatisfy({ $0.isLetter || $0 == "_" }) else {
            error(location, "each=\"\(text)\" should read each=\"name in collection\", e.g. each=\"project in convention.projects\"")
            return nil
        }
        let path = words[2].split(separator: ".").map(String.init)
        guard let type = type(of: path, in: scope, at: location) else { return nil }
        guard case .list(let element) = type else {
            error(location, "each=\"\(text)\": «\(words[2])» is \(type), not a list")
            return nil
        }
        var inner = scope
        inner[words[0]] = element
        return (Loop(variable: words[0], path: path, location: location), inner)
    }

    /// A field path tested by `<if>` or `if=`.
    func condition(_ text: String, in scope: Scope, at location: LayoutLocation) -> [String]? {
        let path = text.split(separator: ".").map(String.init)
        guard !path.isEmpty, type(of: path, in: scope, at: location) != nil else { return nil }
        return path
    }

    // MARK: Includes

    /// Compiles the blocks of a fragment file in the includer's scope.
    func include(_ e: XMLElement, scope: Scope, context: BlockContext) -> [CompiledNode] {
        checkAttributes(e, allowed: ["src"], required: ["src"])
        guard let file = e.attributes["src"] else { return [] }
        guard !includeStack.contains(file) else {
            error(e.location, "«\(file)» includes itself (through \(includeStack.joined(separator: " → ")))")
            return []
        }
        guard let root = element(file: file, from: e.location) else { return [] }
        guard root.name == "fragment" else {
            error(root.location, "an included file must start with <fragment>, not <\(root.name)>")
            return []
        }
        checkAttributes(root, allowed: [])
        includeStack.append(file)
        defer { includeStack.removeLast() }
        return blocks(root, scope: scope, context: context)
    }
}

/// Where blocks are being compiled: decides what nesting is allowed.
struct BlockContext {
    var insideKeep = false
    /// How many block levels enclose this one, across included files.
    var depth = 0
}
