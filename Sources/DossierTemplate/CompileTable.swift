import DossierContent
import Foundation

extension LayoutCompiler {
    func table(_ e: XMLElement, scope: Scope) -> CompiledTable? {
        checkAttributes(e, allowed: ["style", "header-style", "footer-style", "padding", "border-width", "border-color", "zebra",
                                     "header-fill", "footer-fill", "direction", "space-after"])
        checkNoText(e)
        var style = TableStyle()
        if let v = length(e, "padding") { style.padding = v }
        if let v = length(e, "border-width") { style.borderWidth = v }
        if let v = length(e, "space-after") { style.spaceAfter = v }
        if e.attributes["border-color"] != nil { style.borderColor = color(e, "border-color") ?? style.borderColor }
        if e.attributes["zebra"] != nil { style.zebraFill = color(e, "zebra") }
        if e.attributes["header-fill"] != nil { style.headerFill = color(e, "header-fill") }
        if e.attributes["footer-fill"] != nil { style.footerFill = color(e, "footer-fill") }
        var table = CompiledTable(columns: [], header: [], body: [], footer: [], style: style,
                                  direction: choice(e, "direction", Direction.self, allowed: ["rtl", "ltr"]) ?? settings.direction,
                                  location: e.location)
        let cellStyle = e.attributes["style"] ?? "cell"
        for child in e.elements {
            switch child.name {
            case "column":
                checkAttributes(child, allowed: ["width", "each", "row-header"], required: ["width"])
                let width = child.attributes["width"].flatMap(Units.columnWidth)
                if width == nil, let text = child.attributes["width"] {
                    error(child.location, "width=\"\(text)\" is not a column width; write a length (30mm, at most 14400pt) or a share from 0 to 1000 (2*)")
                }
                var columnLoop: Loop? = nil
                if let each = child.attributes["each"], let (l, _) = loop(each, in: scope, at: child.location) { columnLoop = l }
                table.columns.append((width ?? .proportional(1), columnLoop, yesNo(child, "row-header", default: false)))
            case "header":
                checkAttributes(child, allowed: [])
                table.header += rows(child, scope: scope, cellStyle: e.attributes["header-style"] ?? "header-cell")
            case "footer":
                checkAttributes(child, allowed: [])
                table.footer += rows(child, scope: scope, cellStyle: e.attributes["footer-style"] ?? "footer-cell")
            case "row":
                if let row = row(child, scope: scope, cellStyle: cellStyle) { table.body.append(row) }
            default:
                error(child.location, "<\(child.name)> cannot be inside <table>; allowed: <column>, <header>, <row>, <footer>")
            }
        }
        if table.columns.isEmpty { error(e.location, "the table declares no <column width=\"…\"/>") }
        return table
    }

    private func rows(_ e: XMLElement, scope: Scope, cellStyle: String) -> [CompiledRow] {
        checkNoText(e)
        return e.elements.compactMap { child in
            guard child.name == "row" else { error(child.location, "<\(child.name)> cannot be inside <\(e.name)>; only <row>"); return nil }
            return row(child, scope: scope, cellStyle: cellStyle)
        }
    }

    private func row(_ e: XMLElement, scope: Scope, cellStyle: String) -> CompiledRow? {
        checkAttributes(e, allowed: ["each", "if", "fill", "style"])
        checkNoText(e)
        var inner = scope
        var rowLoop: Loop? = nil
        if let each = e.attributes["each"] {
            guard let (l, s) = loop(each, in: scope, at: e.location) else { return nil }
            rowLoop = l; inner = s
        }
        let test = e.attributes["if"].flatMap { condition($0, in: inner, at: e.location) }
        let rowStyle = e.attributes["style"] ?? cellStyle
        let cells = e.elements.compactMap { child -> CompiledCell? in
            guard child.name == "cell" else { error(child.location, "<\(child.name)> cannot be inside <row>; only <cell>"); return nil }
            checkAttributes(child, allowed: ["style", "align", "justify", "fill", "span", "each", "signature-field"])
            var cellScope = inner
            var cellLoop: Loop? = nil
            if let each = child.attributes["each"], let (l, s) = loop(each, in: inner, at: child.location) { cellLoop = l; cellScope = s }
            var (text, paragraph) = style(child, fallback: rowStyle)
            if let align = choice(child, "align", TextAlign.self, allowed: ["start", "end", "center", "justify"]) { paragraph.align = align }
            // A cell's few words would be stretched letter by letter: only a cell that says so gets kashida,
            // not one whose style (shared with body text, say) asks for it.
            paragraph.justification = choice(child, "justify", Justification.self, allowed: ["spaces", "kashida"]) ?? .spaces
            paragraph.spaceBefore = 0; paragraph.spaceAfter = 0
            paragraph.direction = settings.direction
            // Bounded so that sums of spans cannot overflow; no table has a thousand columns.
            let span = child.attributes["span"].flatMap(Int.init).flatMap { (1...1000).contains($0) ? $0 : nil } ?? 1
            if let s = child.attributes["span"], Int(s).map({ (1...1000).contains($0) }) != true {
                error(child.location, "span=\"\(s)\" is a whole number of columns from 1 to 1000")
            }
            _ = text
            return CompiledCell(content: inline(child, style: text, scope: cellScope), paragraph: paragraph, fill: color(child, "fill"),
                                span: max(1, span), loop: cellLoop,
                                signatureField: child.attributes["signature-field"].map { pieces($0, in: cellScope, at: child.location) })
        }
        return CompiledRow(cells: cells, loop: rowLoop, condition: test.map { ($0, false) }, fill: color(e, "fill"))
    }

    func chart(_ e: XMLElement, scope: Scope) -> CompiledChart? {
        checkAttributes(e, allowed: ["data", "project", "partner", "title", "font", "size", "palette", "max-label-lines", "bar-thickness"],
                        required: ["data"])
        guard let data = choice(e, "data", ChartData.self, allowed: ChartData.allCases.map(\.rawValue)) else { return nil }
        var variable: String? = nil
        if let name = e.attributes["project"] {
            if scope[name] != .object("project") { error(e.location, "project=\"\(name)\" must name a project variable in scope") } else { variable = name }
        }
        var partnerVariable: String? = nil
        if let name = e.attributes["partner"] {
            if scope[name] != .object("partner") { error(e.location, "partner=\"\(name)\" must name a partner variable in scope") } else { partnerVariable = name }
        }
        if data == .partnerContributions && partnerVariable == nil {
            error(e.location, "data=\"partner-contributions\" needs partner=\"…\" naming a partner variable")
        }
        var style = ChartStyle()
        if let font = e.attributes["font"] { style.family = font }
        if let size = length(e, "size") { style.size = size }
        if let v = length(e, "bar-thickness") { style.barThickness = v }
        if let text = e.attributes["max-label-lines"] {
            if let n = Int(text), (1...100).contains(n) { style.maxLabelLines = n } else { error(e.location, "max-label-lines is a whole number from 1 to 100") }
        }
        if let palette = e.attributes["palette"] {
            let colors = palette.split(separator: " ").map(String.init)
            if colors.isEmpty || !colors.allSatisfy(Units.isColor) { error(e.location, "palette is a list of colours: \"#1b3b6f #e0a030 …\"") } else { style.palette = colors }
        }
        return CompiledChart(data: data, projectVariable: variable, partnerVariable: partnerVariable, title: e.attributes["title"].map { pieces($0, in: scope, at: e.location) },
                             style: style, location: e.location)
    }
}
