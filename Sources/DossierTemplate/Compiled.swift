import DossierContent
import DossierModel

/// A problem in a layout file.
public struct LayoutProblem: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: LayoutLocation
    public var message: String
    public var description: String { "\(location): error: \(message)" }
}

/// Which dossier a layout makes; it decides the variables the layout may use.
public enum DossierKind: String, Sendable, CaseIterable {
    /// The whole convention: `convention`, `dossier`.
    case convention
    /// One per project: also `project`.
    case project
    /// One per follow-up meeting: also `meeting`.
    case meeting
    /// One cover letter per partner (the partner packet): also `partner`.
    case partner
}

/// A run of inline text with its resolved style.
struct InlinePiece {
    var piece: TextPiece
    var style: TextStyle
    var link: [TextPiece]?
}

/// `each="name in path"`.
struct Loop {
    var variable: String
    var path: [String]
    /// The element that repeats (`<for>`, or a `for=` attribute), for errors.
    var location: LayoutLocation
}

struct CompiledCell {
    var content: [InlinePiece]
    var paragraph: ParagraphStyle
    var fill: String?
    var span: Int
    var loop: Loop?
    /// `signature-field="{partner.id}"`: the name of the signature field placed in the cell.
    var signatureField: [TextPiece]? = nil
}

struct CompiledRow {
    var cells: [CompiledCell]
    var loop: Loop?
    var condition: (path: [String], negate: Bool)?
    var fill: String?
}

struct CompiledTable {
    var columns: [(width: ColumnWidth, loop: Loop?, rowHeader: Bool)]
    var header: [CompiledRow]
    var body: [CompiledRow]
    var footer: [CompiledRow]
    var style: TableStyle
    var direction: Direction
    var location: LayoutLocation
}

enum ChartData: String, CaseIterable {
    case budget, financing
    case partnerShares = "partner-shares"
    case financialProgress = "financial-progress"
    case physicalProgress = "physical-progress"
    case partnerContributions = "partner-contributions"
}

struct CompiledChart {
    var data: ChartData
    /// The variable holding the project the chart is about; nil for the whole convention.
    var projectVariable: String?
    /// The variable holding the partner of a `partner-contributions` chart.
    var partnerVariable: String?
    var title: [TextPiece]?
    var style: ChartStyle
    var location: LayoutLocation
}

/// A block of a compiled layout: checked, located, ready to bind to data.
indirect enum CompiledNode {
    case heading(level: Int, content: [InlinePiece], paragraph: ParagraphStyle, anchor: [TextPiece]?, bookmark: Bool, location: LayoutLocation)
    case paragraph(content: [InlinePiece], paragraph: ParagraphStyle, location: LayoutLocation)
    case listItem(content: [InlinePiece], paragraph: ParagraphStyle, loop: Loop?, location: LayoutLocation)
    case table(CompiledTable)
    case chart(CompiledChart)
    case image(src: [TextPiece], width: Double?, align: TextAlign, alt: [TextPiece]?, location: LayoutLocation)
    case spacer(Double)
    case rule(RuleBlock)
    case pageBreak
    case keep([CompiledNode])
    case loop(Loop, [CompiledNode])
    case condition(path: [String], negate: Bool, [CompiledNode])
    case toc(entry: ParagraphStyle, text: TextStyle, levels: Int, location: LayoutLocation)
    case anchor([TextPiece])
}

/// Page and document settings of a layout.
struct LayoutSettings {
    var width: Double = 595.2756
    var height: Double = 841.8898
    var margins = Margins(top: 56.7, bottom: 56.7, start: 56.7, end: 56.7)
    var direction: Direction = .rtl
    var lang = "ar-MA"
    var digits: DigitStyle = .latn
}

/// A dossier layout, compiled: what the binder turns into a content tree for some data.
public struct CompiledLayout: Sendable {
    public let kind: DossierKind
    public let file: String
    var settings: LayoutSettings
    var metadata: [String: [TextPiece]]
    var header: (content: [InlinePiece], paragraph: ParagraphStyle, rule: Bool)?
    var footer: (content: [InlinePiece], paragraph: ParagraphStyle, rule: Bool)?
    var body: [CompiledNode]
}
