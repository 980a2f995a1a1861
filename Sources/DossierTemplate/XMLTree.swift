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

    /// How deeply elements may nest in one file. The compiler, the binder and the layout engine walk the
    /// tree recursively, so an unbounded depth would overflow the stack; real layouts nest about 8 deep.
    public static let maximumDepth = 64

    static func parse(_ data: Data, file: String) throws -> XMLElement {
        // Foundation's XMLParser traps on invalid UTF-8 in comments and names, and libxml2 would expand
        // entities declared in a DOCTYPE: both are refused before the parser sees the file.
        try LayoutBytes.checkUTF8(data, file: file)
        try LayoutBytes.checkNoDeclarations(data, file: file)
        let parser = XMLParser(data: data)
        let delegate = TreeBuilder(file: file, parser: parser)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        let ok = parser.parse()
        if let tooDeep = delegate.tooDeep {
            throw Failure(location: tooDeep, message: "elements are nested more than \(maximumDepth) deep here; "
                            + "a layout needs far fewer levels (check for unclosed or repeated <keep>, <if> or <for>)")
        }
        // On Linux, parse() may return true after libxml2 reported errors: the first reported error counts.
        if let first = delegate.firstError ?? (ok && delegate.root != nil ? nil : (parser.lineNumber, parser.columnNumber, -1)) {
            throw Failure(location: LayoutLocation(file: file, line: max(1, first.line), column: max(1, first.column)),
                          message: "the layout is not well-formed XML (\(reason(first.code))); check that every tag is "
                            + "closed in the right order and that & and < in text are written &amp; and &lt;")
        }
        guard let root = delegate.root else {
            throw Failure(location: LayoutLocation(file: file, line: 1, column: 1), message: "the layout file is empty")
        }
        return root
    }

    /// Plain words for the libxml2 errors people make by hand (codes of libxml2's `xmlParserErrors`).
    static func reason(_ code: Int) -> String {
        switch code {
        case 4: return "the file is empty"
        case 5, 86: return "there is text after the closing tag of the root element"
        case 9: return "an invalid character"
        case 23: return "an entity reference lacks its «;» (write &amp; for «&»)"
        case 26: return "an unknown entity (only &lt; &gt; &amp; &quot; &apos; exist)"
        case 38: return "«<» inside an attribute value must be written &lt;"
        case 39, 43: return "an attribute value must be quoted (write name=\"value\")"
        case 40: return "an attribute value is not closed by its quote"
        case 41: return "an attribute has no value (write name=\"value\")"
        case 42: return "the same attribute is written twice on one element"
        case 68: return "«<» or «&» in text must be written &lt; or &amp;"
        case 65: return "a space is missing between attributes"
        case 73: return "a tag is not closed by «>»"
        case 76: return "a closing tag does not match the element that is open"
        case 77, 85: return "the file ends before every element is closed"
        default: return code >= 0 ? "the XML is malformed (libxml2 error \(code))" : "malformed XML"
        }
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        let file: String
        weak var parser: XMLParser?
        var stack: [XMLElement] = []
        var root: XMLElement?
        var text = ""
        var textLocation: LayoutLocation?
        var firstError: (line: Int, column: Int, code: Int)?
        /// Where the first element past `maximumDepth` starts; parsing stops there.
        var tooDeep: LayoutLocation?

        func parser(_ parser: XMLParser, parseErrorOccurred error: Error) {
            if firstError == nil { firstError = (parser.lineNumber, parser.columnNumber, (error as NSError).code) }
        }

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
            guard stack.count < XMLTreeParser.maximumDepth else {
                if tooDeep == nil { tooDeep = here }
                parser.abortParsing()
                return
            }
            // libxml2 reports the position just after the start tag; attribute order is not kept by the
            // parser, so it is sorted for stable messages.
            let element = XMLElement(name: name, attributes: attributes, order: attributes.keys.sorted(), location: here)
            if let top = stack.last { top.children.append(.element(element)) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            flushText()
            if !stack.isEmpty { stack.removeLast() }
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
