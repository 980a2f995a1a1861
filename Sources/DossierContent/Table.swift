/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
    /// A fixed width in points.
    case fixed(Double)
    /// A share of the width left after fixed columns, proportional to the weight.
    case proportional(Double)
}

/// One table cell: a paragraph, an optional background.
public struct Cell: Hashable, Sendable {
    public var paragraph: Paragraph
    public var fill: String?
    /// Number of columns the cell covers.
    public var span: Int
    /// The name of the empty signature field placed inside the cell, if any (a partner's id).
    public var signatureField: String?
    public init(_ paragraph: Paragraph, fill: String? = nil, span: Int = 1, signatureField: String? = nil) {
        self.paragraph = paragraph; self.fill = fill; self.span = span; self.signatureField = signatureField
    }
}

/// Visual settings of a table.
public struct TableStyle: Hashable, Sendable {
    public var padding: Double
    public var borderColor: String
    public var borderWidth: Double
    public var headerFill: String?
    public var footerFill: String?
    /// Fill of every other body row, for reading across wide tables.
    public var zebraFill: String?
    public var spaceAfter: Double
    public init(padding: Double = 4, borderColor: String = "#555555", borderWidth: Double = 0.5,
                headerFill: String? = "#e6e6e6", footerFill: String? = "#f0f0f0", zebraFill: String? = "#f7f7f7",
                spaceAfter: Double = 8) {
        self.padding = padding; self.borderColor = borderColor; self.borderWidth = borderWidth
        self.headerFill = headerFill; self.footerFill = footerFill; self.zebraFill = zebraFill
        self.spaceAfter = spaceAfter
    }
}

/// How assistive technology reads a table.
public enum TableRole: Hashable, Sendable {
    /// A data table: header rows head their columns, the cells of `Table.rowHeaderColumns` head their rows.
    case data
    /// A table of contents: each row one entry.
    case contents
}

/// A table. Columns are listed in logical order: in an RTL table the first column is drawn on the right.
public struct Table: Hashable, Sendable {
    public var columns: [ColumnWidth]
    /// Rows repeated at the top of every page the table spans.
    public var headerRows: [[Cell]]
    public var bodyRows: [[Cell]]
    /// Rows drawn once, after the last body row (totals).
    public var footerRows: [[Cell]]
    public var direction: Direction
    public var style: TableStyle
    public var source: String?
    public var role: TableRole
    /// Columns (0-based, logical order) whose body and footer cells are the headers of their rows.
    public var rowHeaderColumns: Set<Int>
    public init(columns: [ColumnWidth], headerRows: [[Cell]] = [], bodyRows: [[Cell]], footerRows: [[Cell]] = [],
                direction: Direction = .rtl, style: TableStyle = TableStyle(), source: String? = nil,
                role: TableRole = .data, rowHeaderColumns: Set<Int> = []) {
        self.columns = columns; self.headerRows = headerRows; self.bodyRows = bodyRows; self.footerRows = footerRows
        self.direction = direction; self.style = style; self.source = source
        self.role = role; self.rowHeaderColumns = rowHeaderColumns
    }
}
