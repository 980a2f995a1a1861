import DossierModel
import DossierContent
import Foundation

extension LayoutCompiler {
    static let rootChildren = ["settings", "metadata", "styles", "header", "footer", "body"]

    /// Compiles a dossier layout file (`<dossier kind="…">`).
    func compile(file: String) -> CompiledLayout? {
        guard let root = element(file: file, from: nil) else { return nil }
        guard root.name == "dossier" else {
            error(root.location, "a dossier layout starts with <dossier kind=\"convention|project|meeting|partner\">, not <\(root.name)>")
            return nil
        }
        checkAttributes(root, allowed: ["kind"], required: ["kind"])
        let kind = choice(root, "kind", DossierKind.self, allowed: DossierKind.allCases.map(\.rawValue)) ?? .convention
        var scope: Scope = ["convention": .object("convention"), "dossier": .object("dossier")]
        if kind == .project { scope["project"] = .object("project") }
        if kind == .meeting { scope["meeting"] = .object("meeting") }
        if kind == .partner { scope["partner"] = .object("partner") }

        for child in root.elements where !Self.rootChildren.contains(child.name) {
            error(child.location, "<\(child.name)> cannot be directly inside <dossier>; allowed: \(Self.rootChildren.map { "<\($0)>" }.joined(separator: ", "))")
        }
        checkNoText(root)
        // Settings and styles first: everything else uses them.
        for child in root.elements where child.name == "settings" { compileSettings(child) }
        for child in root.elements where child.name == "styles" { compileStyles(child) }
        var metadata: [String: [TextPiece]] = [:]
        for child in root.elements where child.name == "metadata" {
            checkAttributes(child, allowed: ["title", "author", "subject", "keywords"])
            for (name, value) in child.attributes { metadata[name] = pieces(value, in: scope, at: child.location) }
        }
        var running = scope
        running["page"] = .integer
        running["pages"] = .integer
        let header = root.elements.first { $0.name == "header" }.map { runningText($0, scope: running) }
        let footer = root.elements.first { $0.name == "footer" }.map { runningText($0, scope: running) }
        let bodies = root.elements.filter { $0.name == "body" }
        if bodies.isEmpty { error(root.location, "the layout has no <body>") }
        let body = bodies.flatMap { self.blocks($0, scope: scope, context: BlockContext()) }
        return CompiledLayout(kind: kind, file: display(file), settings: settings, metadata: metadata, header: header,
                              footer: footer, body: body)
    }

    func checkNoText(_ e: XMLElement) {
        for case .text(let text, let location) in e.children where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error(location, "text is not allowed directly inside <\(e.name)>; put it in a <p> or a heading")
        }
    }

    private func compileSettings(_ e: XMLElement) {
        checkAttributes(e, allowed: ["page", "orientation", "margin", "margin-top", "margin-bottom", "margin-start", "margin-end",
                                     "direction", "lang", "digits"])
        if let page = e.attributes["page"] {
            if let size = Units.pageSize(page) { (settings.width, settings.height) = size } else {
                error(e.location, "page=\"\(page)\" is not a page size; write A4, A5, A3, Letter, Legal or «210mm 297mm»")
            }
        }
        if let orientation = e.attributes["orientation"] {
            switch orientation {
            case "landscape": if settings.width < settings.height { swap(&settings.width, &settings.height) }
            case "portrait": if settings.width > settings.height { swap(&settings.width, &settings.height) }
            default: error(e.location, "orientation=\"\(orientation)\" is portrait or landscape")
            }
        }
        if let all = length(e, "margin") { settings.margins = .all(all) }
        if let v = length(e, "margin-top") { settings.margins.top = v }
        if let v = length(e, "margin-bottom") { settings.margins.bottom = v }
        if let v = length(e, "margin-start") { settings.margins.start = v }
        if let v = length(e, "margin-end") { settings.margins.end = v }
        if let d = choice(e, "direction", Direction.self, allowed: ["rtl", "ltr"]) { settings.direction = d }
        if let lang = e.attributes["lang"] { settings.lang = lang }
        if let digits = choice(e, "digits", DigitStyle.self, allowed: ["latn", "arab"]) { settings.digits = digits }
    }

    /// `<styles>` with `<style>` children, or `<styles src="file.xml"/>` pointing to a file whose root is `<styles>`.
    func compileStyles(_ e: XMLElement) {
        checkAttributes(e, allowed: ["src"])
        if let src = e.attributes["src"] {
            if stylesStack.contains(src) {
                error(e.location, "«\(src)» includes itself (through \(stylesStack.joined(separator: " → ")))")
            } else if let root = element(file: src, from: e.location) {
                stylesStack.append(src)
                if root.name == "styles" { compileStyles(root) } else { error(root.location, "a styles file starts with <styles>, not <\(root.name)>") }
                stylesStack.removeLast()
            }
        }
        checkNoText(e)
        for child in e.elements {
            guard child.name == "style" else { error(child.location, "<\(child.name)> cannot be inside <styles>; only <style>"); continue }
            checkAttributes(child, allowed: StyleSheet.properties, required: ["name"])
            for (property, value) in child.attributes {
                if let message = StyleSheet.check(property: property, value: value) { error(child.location, message) }
            }
            guard let name = child.attributes["name"] else { continue }
            var properties = child.attributes
            properties["name"] = nil
            properties["base"] = nil
            styles.specs[name] = StyleSpec(base: child.attributes["base"], properties: properties, location: child.location)
        }
        for (name, spec) in styles.specs {
            if let base = spec.base, styles.specs[base] == nil {
                error(spec.location, "style «\(name)» is based on «\(base)», which is not defined")
            }
        }
    }

    /// The text and paragraph style named by `style=` (or `fallback`); unknown names are reported.
    func style(_ e: XMLElement, attribute: String = "style", fallback: String) -> (TextStyle, ParagraphStyle) {
        let name = e.attributes[attribute] ?? fallback
        guard let properties = styles.properties(of: name) else {
            if e.attributes[attribute] != nil {
                let hint = Suggest.hint(for: name, in: Array(styles.specs.keys))
                error(e.location, "style «\(name)» is not defined\(hint); defined styles: \(styles.specs.keys.sorted().joined(separator: ", "))")
            }
            return StyleSheet.resolve([:], direction: settings.direction)
        }
        return StyleSheet.resolve(properties, direction: settings.direction)
    }

    private func runningText(_ e: XMLElement, scope: Scope) -> (content: [InlinePiece], paragraph: ParagraphStyle, rule: Bool) {
        checkAttributes(e, allowed: ["style", "rule"])
        let (text, paragraph) = style(e, fallback: "running")
        return (inline(e, style: text, scope: scope), paragraph, yesNo(e, "rule", default: true))
    }
}
