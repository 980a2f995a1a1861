import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A place in a layout file.
public struct LayoutLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var description: String { "\(file):\(line):\(column)" }
}

/// An element of a layout file with its attributes, children and where it starts.
final class XMLElement {
    let name: String
    let attributes: [String: String]
    /// Attribute names in the order written (for messages).
    let attributeOrder: [String]
    var children: [XMLContent] = []
    let location: LayoutLocation

    init(name: String, attributes: [String: String], order: [String], location: LayoutLocation) {
        self.name = name; self.attributes = attributes; self.attributeOrder = order; self.location = location
    }

    var elements: [XMLElement] {
        children.compactMap { if case .element(let e) = $0 { return e } else { return nil } }
    }
}

/// A child of an element: another element or text.
enum XMLContent {
    case element(XMLElement)
    case text(String, LayoutLocation)
}

/// Parses a layout file into located elements with Foundation's XMLParser (libxml2).
enum XMLTreeParser {
    struct Failure: Error { var location: LayoutLocation; var message: String }

    static func parse(_ data: Data, file: String) throws -> XMLElement {
        let parser = XMLParser(data: data)
        let delegate = TreeBuilder(file: file, parser: parser)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        guard ok, let root = delegate.root else {
            let line = parser.lineNumber, column = parser.columnNumber
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "malformed XML"
            throw Failure(location: LayoutLocation(file: file, line: max(1, line), column: max(1, column)),
                          message: "the layout is not well-formed XML (\(reason)); check that every tag is closed and "
                            + "that & and < in text are written &amp; and &lt;")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let file: String
        weak var parser: XMLParser?
        var stack: [XMLElement] = []
        var root: XMLElement?
        var text = ""
        var textLocation: LayoutLocation?

        init(file: String, parser: XMLParser) { self.file = file; self.parser = parser }

        var here: LayoutLocation {
            LayoutLocation(file: file, line: parser?.lineNumber ?? 0, column: parser?.columnNumber ?? 0)
        }

        func flushText() {
            if !text.isEmpty, let top = stack.last { top.children.append(.text(text, textLocation ?? here)) }
            text = ""; textLocation = nil
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            flushText()
            // libxml2 reports the position just after the start tag; attribute order is not kept by the
            // parser, so it is sorted for stable messages.
            let element = XMLElement(name: name, attributes: attributes, order: attributes.keys.sorted(), location: here)
            if let top = stack.last { top.children.append(.element(element)) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            flushText()
            stack.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if textLocation == nil { textLocation = here }
            text += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            if textLocation == nil { textLocation = here }
            text += String(decoding: block, as: UTF8.self)
        }
    }
}
