import DossierModel
import DossierContent
import Foundation

extension LayoutCompiler {
    static let blockElements = ["h1", "h2", "h3", "p", "ul", "table", "chart", "image", "spacer", "rule", "page-break",
                                "keep", "for", "if", "include", "toc", "anchor"]

    /// The blocks inside `e`.
    func blocks(_ e: XMLElement, scope: Scope, context: BlockContext) -> [CompiledNode] {
        checkNoText(e)
        // Includes can stack nesting beyond what one file may hold: the depth is checked before recursing.
        guard context.depth < XMLTreeParser.maximumDepth else {
            error(e.location, "blocks are nested more than \(XMLTreeParser.maximumDepth) deep here (counting included "
                  + "fragments); a layout needs far fewer levels")
            return []
        }
        var inner = context
        inner.depth += 1
        return e.elements.flatMap { block($0, scope: scope, context: inner) }
    }

    private func block(_ e: XMLElement, scope: Scope, context: BlockContext) -> [CompiledNode] {
        switch e.name {
        case "h1", "h2", "h3":
            checkAttributes(e, allowed: ["style", "anchor", "bookmark"])
            let level = Int(String(e.name.last!))!
            let (text, paragraph) = style(e, fallback: e.name)
            return [.heading(level: level, content: inline(e, style: text, scope: scope), paragraph: paragraph,
                             anchor: e.attributes["anchor"].map { pieces($0, in: scope, at: e.location) },
                             bookmark: yesNo(e, "bookmark", default: true), location: e.location)]
        case "p":
            checkAttributes(e, allowed: ["style"])
            let (text, paragraph) = style(e, fallback: "body")
            return [.paragraph(content: inline(e, style: text, scope: scope), paragraph: paragraph, location: e.location)]
        case "ul":
            checkAttributes(e, allowed: ["style"])
            checkNoText(e)
            return e.elements.compactMap { item in
                guard item.name == "li" else { error(item.location, "<\(item.name)> cannot be inside <ul>; only <li>"); return nil }
                checkAttributes(item, allowed: ["each", "style"])
                var inner = scope
                var itemLoop: Loop? = nil
                if let each = item.attributes["each"], let (l, s) = loop(each, in: scope, at: item.location) { itemLoop = l; inner = s }
                let (text, paragraph) = style(item, fallback: e.attributes["style"] ?? "item")
                return .listItem(content: inline(item, style: text, scope: inner), paragraph: paragraph, loop: itemLoop, location: item.location)
            }
        case "table": return table(e, scope: scope).map { [.table($0)] } ?? []
        case "chart": return chart(e, scope: scope).map { [.chart($0)] } ?? []
        case "image":
            checkAttributes(e, allowed: ["src", "width", "align", "alt"], required: ["src"])
            return [.image(src: pieces(e.attributes["src"] ?? "", in: scope, at: e.location), width: length(e, "width"),
                           align: choice(e, "align", TextAlign.self, allowed: ["start", "end", "center"]) ?? .center,
                           alt: e.attributes["alt"].map { pieces($0, in: scope, at: e.location) }, location: e.location)]
        case "spacer":
            checkAttributes(e, allowed: ["height"], required: ["height"])
            return [.spacer(length(e, "height") ?? 0)]
        case "rule":
            checkAttributes(e, allowed: ["thickness", "color", "space"])
            return [.rule(RuleBlock(thickness: length(e, "thickness") ?? 0.5, color: color(e, "color") ?? "#555555",
                                    spaceAround: length(e, "space") ?? 4))]
        case "page-break":
            checkAttributes(e, allowed: [])
            return [.pageBreak]
        case "keep":
            checkAttributes(e, allowed: [])
            var inner = context
            inner.insideKeep = true
            return [.keep(blocks(e, scope: scope, context: inner))]
        case "for":
            checkAttributes(e, allowed: ["each"], required: ["each"])
            guard let each = e.attributes["each"], let (l, inner) = loop(each, in: scope, at: e.location) else { return [] }
            return [.loop(l, blocks(e, scope: inner, context: context))]
        case "if":
            checkAttributes(e, allowed: ["test", "not"])
            let test = e.attributes["test"], not = e.attributes["not"]
            guard (test == nil) != (not == nil) else {
                error(e.location, "<if> needs exactly one of test=\"field\" (shown when present) or not=\"field\" (shown when absent)")
                return []
            }
            guard let path = condition(test ?? not!, in: scope, at: e.location) else { return [] }
            return [.condition(path: path, negate: not != nil, blocks(e, scope: scope, context: context))]
        case "include":
            return include(e, scope: scope, context: context)
        case "toc":
            checkAttributes(e, allowed: ["style", "levels"])
            let (text, paragraph) = style(e, fallback: "toc")
            let levels = e.attributes["levels"].flatMap(Int.init) ?? 2
            return [.toc(entry: paragraph, text: text, levels: levels, location: e.location)]
        case "anchor":
            checkAttributes(e, allowed: ["name"], required: ["name"])
            return [.anchor(pieces(e.attributes["name"] ?? "", in: scope, at: e.location))]
        default:
            let hint = Suggest.hint(for: e.name, in: Self.blockElements) { "<\($0)>" }
            error(e.location, "unknown element <\(e.name)>\(hint); blocks are: " + Self.blockElements.map { "<\($0)>" }.joined(separator: ", "))
            return []
        }
    }

    static let inlineElements = ["b", "i", "span", "link", "br"]

    /// The inline content of `e` (text, fields, `<b>`, `<i>`, `<span style>`, `<link to>`, `<br/>`), with styles resolved.
    func inline(_ e: XMLElement, style: TextStyle, scope: Scope, link: [TextPiece]? = nil) -> [InlinePiece] {
        var result: [InlinePiece] = []
        for child in e.children {
            switch child {
            case .text(let text, let location):
                // XML line breaks and indentation are not part of the text: runs of white space become one space.
                let collapsed = Self.collapsingWhiteSpace(text)
                result += pieces(collapsed, in: scope, at: location).map { InlinePiece(piece: $0, style: style, link: link) }
            case .element(let inner):
                switch inner.name {
                case "b":
                    checkAttributes(inner, allowed: [])
                    var bold = style; bold.bold = true
                    result += inline(inner, style: bold, scope: scope, link: link)
                case "i":
                    checkAttributes(inner, allowed: [])
                    var italic = style; italic.italic = true
                    result += inline(inner, style: italic, scope: scope, link: link)
                case "span":
                    checkAttributes(inner, allowed: ["style"], required: ["style"])
                    result += inline(inner, style: self.style(inner, fallback: "body").0, scope: scope, link: link)
                case "link":
                    checkAttributes(inner, allowed: ["to"], required: ["to"])
                    let target = pieces(inner.attributes["to"] ?? "", in: scope, at: inner.location)
                    result += inline(inner, style: style, scope: scope, link: target)
                case "br":
                    checkAttributes(inner, allowed: [])
                    result.append(InlinePiece(piece: .literal("\n"), style: style, link: link))
                default:
                    let hint = Suggest.hint(for: inner.name, in: Self.inlineElements) { "<\($0)>" }
                    error(inner.location, "<\(inner.name)> cannot be inside <\(e.name)>\(hint); inside text use "
                          + Self.inlineElements.map { "<\($0)>" }.joined(separator: ", "))
                }
            }
        }
        return result
    }
}

extension LayoutCompiler {
    /// `text` with each run of white space made one space. White space is Unicode's White_Space property, which is
    /// exactly what the regular expression `\s` matched here before (checked on every scalar). Written by hand
    /// because Foundation compiled that expression again for every text node of every layout (about 30 000
    /// instructions each, paid at every start).
    static func collapsingWhiteSpace(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var inRun = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace
            if isSpace {
                if !inRun { result.append(" ") }
                inRun = true
            } else {
                result.append(scalar)
                inRun = false
            }
        }
        return String(result)
    }
}
