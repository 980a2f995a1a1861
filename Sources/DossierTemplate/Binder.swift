import DossierContent
import DossierModel
import Foundation

/// An entry of a table of contents: a heading and the page it landed on in a previous layout pass.
public struct TocEntry: Hashable, Sendable {
    public var title: String
    public var level: Int
    public var anchor: String
    public var page: Int
    public init(title: String, level: Int, anchor: String, page: Int) {
        self.title = title; self.level = level; self.anchor = anchor; self.page = page
    }
}

/// How many times a layout may repeat its content for one dossier: loops inside loops multiply (eight `<for>` over
/// the partners, one inside the other, repeat 11^8 times: the render grew to gigabytes and never ended). Every
/// repetition of a loop, a repeated row, cell or column counts. A class: one count for one bind, through every call.
final class RepeatBudget {
    private var left: Int
    private let limit: Int

    init(limit: Int) { self.limit = limit; left = limit }

    /// 200 000 repetitions, or 100 a record of the data when that is more: the convention dossier of a convention of
    /// `dossier generate` repeats its content about 17 times a record (1530 times for 100 projects, 17 030 for 1000),
    /// a project dossier 6 times, a partner's letter 200.
    static func limit(for convention: Convention) -> Int {
        max(200_000, 100 * (convention.projects.count + convention.partners.count + convention.meetings.count))
    }

    func spend(_ count: Int, at location: LayoutLocation) throws {
        left -= count
        guard left < 0 else { return }
        throw BindError(location: location, message: "the layout repeats its content more than \(limit) times for this "
                        + "convention (this repetition inside others: loops inside loops multiply); repeat less, or over "
                        + "shorter lists")
    }
}

/// A problem met while binding data to a layout (an image that does not exist, say).
public struct BindError: Error, CustomStringConvertible {
    public var location: LayoutLocation
    public var message: String
    public var description: String { "\(location): error: \(message)" }
}

/// Binds a compiled layout to a convention: fields become text, loops repeat, conditions choose, and the
/// result is a content tree. Data values are always inserted as text, never read as layout.
public struct Binder: Sendable {
    let layout: CompiledLayout
    let convention: Convention
    let folders: [URL]
    let values: ValueBuilder
    let format: MoroccanFormat
    let text: ValueFormatter
    /// The convention's value tree, built once: binding one dossier per project reuses it.
    let conventionValue: Value

    /// - Parameter imageFolders: the only folders images may come from (the layouts and the data folder).
    public init(layout: CompiledLayout, convention: Convention, imageFolders: [URL]) {
        let values = ValueBuilder(convention: convention)
        self.init(layout: layout, convention: convention, imageFolders: imageFolders, values: values,
                  conventionValue: values.conventionValue())
    }

    private init(layout: CompiledLayout, convention: Convention, imageFolders: [URL], values: ValueBuilder,
                 conventionValue: Value) {
        self.layout = layout
        self.convention = convention
        self.folders = imageFolders.map { $0.standardizedFileURL }
        self.values = values
        self.format = MoroccanFormat(numerals: layout.settings.digits == .arab ? .arab : .latn)
        self.text = ValueFormatter(format: format)
        self.conventionValue = conventionValue
    }

    /// A binder for each layout, sharing one value tree of the convention (it does not depend on the layout):
    /// for a convention of 10 000 projects the tree is hundreds of megabytes, once rather than once per kind.
    public static func all(_ layouts: [DossierKind: CompiledLayout], convention: Convention,
                           imageFolders: [URL]) -> [DossierKind: Binder] {
        let values = ValueBuilder(convention: convention)
        let tree = values.conventionValue()
        return layouts.mapValues {
            Binder(layout: $0, convention: convention, imageFolders: imageFolders, values: values, conventionValue: tree)
        }
    }

    /// Whether the layout has a table of contents (which needs the page numbers of a first layout pass).
    public var hasTableOfContents: Bool { !Self.tocNodes(layout.body).isEmpty }

    private typealias TocSpec = (entry: ParagraphStyle, text: TextStyle, levels: Int)

    /// The `<toc>` elements of the layout, by the source name their tables carry.
    private static func tocNodes(_ nodes: [CompiledNode]) -> [String: TocSpec] {
        var found: [String: TocSpec] = [:]
        for node in nodes {
            switch node {
            case .toc(let entry, let text, let levels, let location): found[tocSource(location)] = (entry, text, levels)
            case .keep(let children), .loop(_, let children), .condition(_, _, let children):
                found.merge(tocNodes(children)) { a, _ in a }
            default: break
            }
        }
        return found
    }

    private static func tocSource(_ location: LayoutLocation) -> String { "toc:\(location)" }

    /// `document` with its tables of contents rebuilt from `toc`: after a layout pass has found the pages,
    /// this replaces binding the whole document again.
    public func withTableOfContents(_ document: Document, _ toc: [TocEntry]) -> Document {
        let specs = Self.tocNodes(layout.body)
        func replace(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .table(let table):
                    guard let source = table.source, let spec = specs[source] else { return block }
                    return .table(tocTable(toc.filter { $0.level <= spec.levels }, entry: spec.entry, text: spec.text, source: source))
                case .keepTogether(let children): return .keepTogether(replace(children))
                default: return block
                }
            }
        }
        var copy = document
        copy.blocks = replace(document.blocks)
        return copy
    }

    /// The table of contents a document will have: its bookmarked headings in order, with `page` as a
    /// placeholder until a layout pass tells the real pages.
    public static func tocEntries(of document: Document, page: Int = 0) -> [TocEntry] {
        func collect(_ blocks: [Block]) -> [TocEntry] {
            blocks.flatMap { block -> [TocEntry] in
                switch block {
                case .heading(let h) where h.bookmarked:
                    return [TocEntry(title: h.paragraph.plainText, level: h.level, anchor: h.anchor ?? "", page: page)]
                case .keepTogether(let children): return collect(children)
                default: return []
                }
            }
        }
        return collect(document.blocks)
    }

    typealias Environment = [String: Value]

    /// The content tree for one dossier. `project` / `meeting` select the subject of project and meeting dossiers.
    /// `fingerprint` identifies the data the dossier is rendered from (printed by `{dossier.fingerprint}`).
    public func bind(project: Project? = nil, meeting: Meeting? = nil, partner: Partner? = nil, date: Day,
                     toc: [TocEntry] = [], fingerprint: String = "") throws -> Document {
        var env: Environment = ["convention": conventionValue,
                                 "dossier": .object(["date": .date(date), "kind": .text(layout.kind.rawValue),
                                                     "fingerprint": .text(fingerprint)])]
        if let project, let index = convention.projects.firstIndex(of: project) { env["project"] = values.project(project, index: index) }
        if let meeting { env["meeting"] = values.meeting(meeting) }
        if let partner, let index = convention.partners.firstIndex(of: partner) { env["partner"] = values.partner(partner, index: index) }
        let s = layout.settings
        var template = PageTemplate(width: s.width, height: s.height, margins: s.margins)
        if let header = layout.header {
            template.header = RunningText(paragraph: paragraph(header.content, header.paragraph, env: running(env)), rule: header.rule)
        }
        if let footer = layout.footer {
            template.footer = RunningText(paragraph: paragraph(footer.content, footer.paragraph, env: running(env)), rule: footer.rule)
        }
        let meta = layout.metadata
        let metadata = Metadata(title: string(meta["title"], env), author: string(meta["author"], env),
                                subject: string(meta["subject"], env), keywords: string(meta["keywords"], env),
                                creationDate: "\(date)T00:00:00Z", language: s.lang)
        let budget = RepeatBudget(limit: RepeatBudget.limit(for: convention))
        let blocks = Self.namingHeadings(try bind(layout.body, env: env, toc: toc, budget: budget))
        return Document(template: template, direction: s.direction, digits: s.digits, metadata: metadata, blocks: blocks)
    }

    /// Gives every heading without an anchor one (`section-N`), so that the table of contents can link to
    /// it before the document is laid out.
    static func namingHeadings(_ blocks: [Block]) -> [Block] {
        var count = 0
        func name(_ blocks: [Block]) -> [Block] {
            blocks.map { block in
                switch block {
                case .heading(var h):
                    count += 1
                    if h.anchor == nil { h.anchor = "section-\(count)" }
                    return .heading(h)
                case .keepTogether(let children): return .keepTogether(name(children))
                default: return block
                }
            }
        }
        return name(blocks)
    }

    /// In headers and footers, `{page}` and `{pages}` stay for the layout engine to fill in.
    private func running(_ env: Environment) -> Environment {
        var copy = env
        copy["page"] = .text("{page}")
        copy["pages"] = .text("{pages}")
        return copy
    }

    // MARK: Values

    func value(_ path: [String], _ env: Environment) -> Value {
        guard let first = path.first, var current = env[first] else { return .absent }
        for name in path.dropFirst() { current = current.field(name) }
        return current
    }

    func string(_ pieces: [TextPiece]?, _ env: Environment) -> String {
        (pieces ?? []).map { piece in
            switch piece {
            case .literal(let s): return s
            case .expression(let e): return text.string(value(e.path, env), e)
            }
        }.joined()
    }

    /// First-strong isolate … pop: around each bound value on a page, so that its direction never leaks into
    /// the literal text around it. Without it `{convention.reference} – {convention.total_amount|millions}`
    /// read «TAO-ART-2016/01 – 28,25» as one left-to-right token and drew «28,25» away from «مليون درهم».
    static let fsi = "\u{2068}", pdi = "\u{2069}"

    func runs(_ content: [InlinePiece], env: Environment) -> [Run] {
        var runs: [Run] = []
        for piece in content {
            // With Arabic-Indic digits, numbers written in the layout or in the data's texts follow too.
            var string = layout.settings.digits.localizeNumbers(in: self.string([piece.piece], env))
            if case .expression = piece.piece, !string.isEmpty { string = Binder.fsi + string + Binder.pdi }
            if string.isEmpty { continue }
            let link = piece.link.map { self.string($0, env) }
            if var last = runs.last, last.style == piece.style, last.link == link {
                last.text += string
                runs[runs.count - 1] = last
            } else {
                runs.append(Run(string, style: piece.style, link: link))
            }
        }
        // Indentation around the XML text is not part of the paragraph, even when it stands in runs of its own
        // around an inline element (`<p>  <b>text</b>  </p>`). Found by index rather than by copying the text
        // reversed, character by character: that was half the binding of a 1000-project convention (5G instructions).
        while let first = runs.first?.text, first.first == " " {
            runs[0].text = first.firstIndex { $0 != " " }.map { String(first[$0...]) } ?? ""
            guard runs[0].text.isEmpty else { break }
            runs.removeFirst()
        }
        while let last = runs.last?.text, last.last == " " {
            runs[runs.count - 1].text = last.lastIndex { $0 != " " }.map { String(last[...$0]) } ?? ""
            guard runs[runs.count - 1].text.isEmpty else { break }
            runs.removeLast()
        }
        return runs.filter { !$0.text.isEmpty }
    }

    func paragraph(_ content: [InlinePiece], _ style: ParagraphStyle, env: Environment, source: LayoutLocation? = nil) -> Paragraph {
        Paragraph(runs: runs(content, env: env), style: style, source: source?.description)
    }

    func items(_ loop: Loop, _ env: Environment, _ budget: RepeatBudget) throws -> [Environment] {
        guard case .list(let elements) = value(loop.path, env) else { return [] }
        try budget.spend(elements.count, at: loop.location)
        return elements.map { element in
            var inner = env
            inner[loop.variable] = element
            return inner
        }
    }

    // MARK: Blocks

    func bind(_ nodes: [CompiledNode], env: Environment, toc: [TocEntry], budget: RepeatBudget) throws -> [Block] {
        var blocks: [Block] = []
        for node in nodes { blocks += try bind(node, env: env, toc: toc, budget: budget) }
        return blocks
    }

    private func bind(_ node: CompiledNode, env: Environment, toc: [TocEntry], budget: RepeatBudget) throws -> [Block] {
        switch node {
        case .heading(let level, let content, let style, let anchor, let bookmark, let location):
            let p = paragraph(content, style, env: env, source: location)
            if p.runs.isEmpty { return [] }
            let name = anchor.map { string($0, env) }.flatMap { $0.isEmpty ? nil : $0 }
            return [.heading(Heading(level: level, paragraph: p, anchor: name, bookmarked: bookmark))]
        case .paragraph(let content, let style, let location):
            let p = paragraph(content, style, env: env, source: location)
            return p.runs.isEmpty ? [] : [.paragraph(p)]
        case .listItem(let content, let style, let loop, let location):
            let environments = try loop.map { try items($0, env, budget) } ?? [env]
            return environments.compactMap { inner in
                var p = paragraph(content, style, env: inner, source: location)
                guard !p.runs.isEmpty else { return nil }
                p.runs.insert(Run("• ", style: p.runs[0].style), at: 0)
                return .paragraph(p)
            }
        case .table(let table):
            return [.table(try bindTable(table, env: env, budget: budget))]
        case .chart(let chart):
            return [.chart(bindChart(chart, env: env))]
        case .image(let src, let width, let align, let alt, let location):
            return [.image(ImageBlock(file: try imagePath(string(src, env), at: location), width: width, align: align,
                                      alt: alt.map { string($0, env) }, source: location.description))]
        case .spacer(let height): return [.spacer(height)]
        case .rule(let rule): return [.rule(rule)]
        case .pageBreak: return [.pageBreak]
        case .keep(let children): return [.keepTogether(try bind(children, env: env, toc: toc, budget: budget))]
        case .loop(let loop, let children):
            return try items(loop, env, budget).flatMap { try bind(children, env: $0, toc: toc, budget: budget) }
        case .condition(let path, let negate, let children):
            return value(path, env).isPresent != negate ? try bind(children, env: env, toc: toc, budget: budget) : []
        case .toc(let entry, let textStyle, let levels, let location):
            return [.table(tocTable(toc.filter { $0.level <= levels }, entry: entry, text: textStyle, source: Self.tocSource(location)))]
        case .anchor(let name):
            return [.anchor(string(name, env))]
        }
    }

    /// Images come only from the layouts folder or the data's folder.
    private func imagePath(_ src: String, at location: LayoutLocation) throws -> String {
        for folder in folders {
            let url = folder.appendingPathComponent(src).standardizedFileURL
            guard url.path.hasPrefix(folder.path + "/"), FileManager.default.fileExists(atPath: url.path) else { continue }
            guard FolderContainment.contains(folder, url) else {
                throw BindError(location: location, message: "image «\(src)» is a link to a file outside its folder "
                                + "(images are read only from the layouts folder or the data folder)")
            }
            return url.path
        }
        throw BindError(location: location, message: "image «\(src)» was not found in the layouts folder or the data folder "
                        + "(images are read only from there)")
    }

    private func bindTable(_ table: CompiledTable, env: Environment, budget: RepeatBudget) throws -> Table {
        var columns: [ColumnWidth] = []
        var rowHeaderColumns: Set<Int> = []
        for column in table.columns {
            let count = try column.loop.map { try items($0, env, budget).count } ?? 1
            if column.rowHeader { rowHeaderColumns.formUnion(columns.count..<(columns.count + count)) }
            columns += Array(repeating: column.width, count: count)
        }
        func rows(_ compiled: [CompiledRow]) throws -> [[Cell]] {
            try compiled.flatMap { row -> [[Cell]] in
                let environments = try row.loop.map { try items($0, env, budget) } ?? [env]
                return try environments.compactMap { inner in
                    if let condition = row.condition, value(condition.path, inner).isPresent == condition.negate { return nil }
                    return try row.cells.flatMap { cell -> [Cell] in
                        let cellEnvironments = try cell.loop.map { try items($0, inner, budget) } ?? [inner]
                        return cellEnvironments.map { cellEnv in
                            Cell(paragraph(cell.content, cell.paragraph, env: cellEnv), fill: cell.fill ?? row.fill, span: cell.span,
                                 signatureField: cell.signatureField.map { string($0, cellEnv) }.flatMap { $0.isEmpty ? nil : $0 })
                        }
                    }
                }
            }
        }
        return Table(columns: columns, headerRows: try rows(table.header), bodyRows: try rows(table.body), footerRows: try rows(table.footer),
                     direction: table.direction, style: table.style, source: table.location.description,
                     rowHeaderColumns: rowHeaderColumns)
    }

    private func bindChart(_ chart: CompiledChart, env: Environment) -> ChartBlock {
        let charts = ConventionCharts(convention: convention, numerals: format.numerals, direction: layout.settings.direction)
        var scope: [Project]? = nil
        if let variable = chart.projectVariable, case .text(let code) = env[variable]?.field("code") ?? .absent {
            scope = convention.projects.filter { $0.code == code }
        }
        let title = chart.title.map { string($0, env) }
        var block: ChartBlock
        switch chart.data {
        case .budget: block = charts.budgetBars(title: title)
        case .financing: block = charts.financingStacked(title: title)
        case .partnerShares: block = charts.partnerShares(title: title, projects: scope)
        case .financialProgress: block = charts.financialProgress(title: title, projects: scope)
        case .physicalProgress: block = charts.physicalProgress(title: title, projects: scope)
        case .partnerContributions:
            let id: String
            if let variable = chart.partnerVariable, case .text(let value) = env[variable]?.field("id") ?? .absent { id = value } else { id = "" }
            block = charts.partnerContributions(partnerID: id, title: title)
        }
        if let scope, chart.data == .budget || chart.data == .financing {
            block = chart.data == .budget ? charts.budgetBars(title: title, projects: scope) : charts.financingStacked(title: title, projects: scope)
        }
        block.style = chart.style
        block.source = chart.location.description
        return block
    }

    private func tocTable(_ entries: [TocEntry], entry: ParagraphStyle, text style: TextStyle, source: String) -> Table {
        var numberStyle = entry
        numberStyle.align = .end
        let rows = entries.map { e -> [Cell] in
            var title = entry
            // Every line of an entry keeps its level's indent, also when a long title wraps.
            title.startIndent = Double(e.level - 1) * 14
            var textStyle = style
            textStyle.bold = e.level == 1
            return [Cell(Paragraph(runs: [Run(e.title, style: textStyle, link: e.anchor)], style: title)),
                    Cell(Paragraph(runs: [Run(layout.settings.digits.apply(String(e.page)), style: textStyle, link: e.anchor)], style: numberStyle))]
        }
        return Table(columns: [.proportional(1), .fixed(40)], bodyRows: rows, direction: layout.settings.direction,
                     style: TableStyle(padding: 3, borderColor: "#ffffff", borderWidth: 0, headerFill: nil, footerFill: nil,
                                       zebraFill: nil, spaceAfter: 8),
                     source: source, role: .contents)
    }
}
