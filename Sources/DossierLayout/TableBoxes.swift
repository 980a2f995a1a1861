import DossierContent
import DossierFrames
import DossierText

/// Lays a table out as one box per row: rows never split, header rows repeat on every page,
/// footer rows stay with the last body row. In RTL the first column is drawn on the right.
struct TableBoxes {
    let paragraphs: ParagraphBoxes
    /// A table that splits keeps at least this many body rows (or all, if fewer) with its header: a header and a
    /// single row stranded at the foot of a page read as a table without content.
    static let bodyRowsKeptWithHeader = 2

    func boxes(for table: Table, x: Double, width: Double, place: String) throws -> [VBox] {
        let columns = columnEdges(table, x: x, width: width)
        let paints = TablePaints(table.style)
        for (index, row) in (table.headerRows + table.bodyRows + table.footerRows).enumerated() {
            let covered = row.reduce(0) { $0 + max(1, $1.span) }
            guard covered == table.columns.count else {
                throw LayoutError.badTable(place: place, reason: "row \(index + 1) covers \(covered) columns; the table has \(table.columns.count)")
            }
        }
        let roles = StructureRoles(table)
        let header = try table.headerRows.enumerated().map { index, row in
            try rowBox(row, columns: columns, table: table, fill: table.style.headerFill, paints: paints, cell: roles.headerCell,
                       row: roles.row, place: place, what: "header row \(index + 1)", breakBefore: .forbidden)
        }
        // The table starts with a zero-height box opening its structure element, kept with the first row.
        var boxes = [VBox.marker(.begin(role: roles.table, alt: nil), place: place)] + header
        for (index, row) in table.bodyRows.enumerated() {
            let zebra = index % 2 == 1 ? table.style.zebraFill : nil
            var box = try rowBox(row, columns: columns, table: table, fill: zebra, paints: paints, cell: roles.bodyCell, row: roles.row,
                                 place: place, what: "row \(index + 1)",
                                 breakBefore: index < TableBoxes.bodyRowsKeptWithHeader ? .forbidden : .allowed)
            if !header.isEmpty { box.repeatedHeader = header }
            boxes.append(box)
        }
        for (index, row) in table.footerRows.enumerated() {
            var box = try rowBox(row, columns: columns, table: table, fill: table.style.footerFill, paints: paints,
                                 cell: roles.bodyCell, row: roles.row, place: place, what: "footer row \(index + 1)",
                                 breakBefore: .forbidden)
            if !header.isEmpty { box.repeatedHeader = header }
            boxes.append(box)
        }
        boxes.append(.marker(.end(role: roles.table), place: place, breakBefore: .forbidden))
        boxes.append(.space(table.style.spaceAfter, place: place, breakBefore: .forbidden))
        return boxes
    }

    /// Left and right edges of each logical column, mirrored in RTL.
    func columnEdges(_ table: Table, x: Double, width: Double) -> [(left: Double, right: Double)] {
        let fixed = table.columns.reduce(0.0) { sum, column in
            if case .fixed(let w) = column { return sum + w }
            return sum
        }
        let weights = table.columns.reduce(0.0) { sum, column in
            if case .proportional(let w) = column { return sum + w }
            return sum
        }
        let flexible = max(0, width - fixed)
        let widths = table.columns.map { column -> Double in
            switch column {
            case .fixed(let w): return w
            case .proportional(let w): return weights > 0 ? flexible * w / weights : 0
            }
        }
        var edges: [(Double, Double)] = []
        var cursor = table.direction == .rtl ? x + width : x
        for w in widths {
            if table.direction == .rtl {
                edges.append((cursor - w, cursor)); cursor -= w
            } else {
                edges.append((cursor, cursor + w)); cursor += w
            }
        }
        return edges
    }

    /// The structure elements of a table's parts: a data table (`Table`, `TR`, `TH` heading its column or its
    /// row, `TD`) or a table of contents (`TOC`, an entry `TOCI` a row, each cell a `Reference` to its section).
    struct StructureRoles {
        let table: String
        let row: String
        /// The element that opens a cell of a header row, and of another row, by column.
        let headerCell: (Int) -> TagEvent
        let bodyCell: (Int) -> TagEvent

        init(_ table: Table) {
            switch table.role {
            case .data:
                self.table = "Table"; row = "TR"
                headerCell = { _ in .begin(role: "TH", alt: nil, scope: .column) }
                let rowHeaders = table.rowHeaderColumns
                bodyCell = { rowHeaders.contains($0) ? .begin(role: "TH", alt: nil, scope: .row) : .begin(role: "TD", alt: nil) }
            case .contents:
                self.table = "TOC"; row = "TOCI"
                headerCell = { _ in .begin(role: "Reference", alt: nil) }
                bodyCell = headerCell
            }
        }
    }

    /// Paints of one table, made once and shared by all its cells.
    final class TablePaints {
        let border: Paint?
        private var fills: [String: Paint] = [:]
        init(_ style: TableStyle) {
            border = style.borderWidth > 0
                ? Paint(stroke: Color(hex: style.borderColor) ?? .black, lineWidth: style.borderWidth) : nil
        }
        func fill(_ hex: String) -> Paint? {
            if let known = fills[hex] { return known }
            guard let color = Color(hex: hex) else { return nil }
            let paint = Paint(fill: color)
            fills[hex] = paint
            return paint
        }
    }

    private func rowBox(_ row: [Cell], columns: [(left: Double, right: Double)], table: Table, fill: String?, paints: TablePaints,
                        cell cellTag: (Int) -> TagEvent, row rowRole: String, place: String, what: String,
                        breakBefore: BreakRule) throws -> VBox {
        let padding = table.style.padding
        var column = 0
        var cellFrames: [(rect: (left: Double, right: Double), cell: Cell, shaped: ShapedParagraph, tag: TagEvent)] = []
        for cell in row {
            let span = max(1, cell.span)
            let covered = columns[column..<(column + span)]
            let left = covered.map(\.left).min()!, right = covered.map(\.right).max()!
            let shaped = try paragraphs.shape(cell.paragraph, width: max(1, right - left - 2 * padding),
                                              place: "\(place), \(what), cell \(column + 1)")
            cellFrames.append(((left, right), cell, shaped, cellTag(column)))
            column += span
        }
        // The first lines of a row share one baseline, whatever font each cell fell back to.
        let firstBaselines = cellFrames.map { $0.shaped.lines.first.map { $0.baseline - $0.top } ?? 0 }
        let rowBaseline = firstBaselines.max() ?? 0
        let shifts = firstBaselines.map { rowBaseline - $0 }
        let height = (zip(cellFrames, shifts).map { $0.shaped.height + $1 }.max() ?? 0) + 2 * padding
        // Fills, then borders (so that no fill covers a neighbour's border): the row's decoration, drawn under the
        // content of the page (`PageArtifacts`). The cells' text is in the row's structure element.
        var fills: [FrameItem] = [], texts: [FrameItem] = [], borders: [FrameItem] = []
        for (frame, shift) in zip(cellFrames, shifts) {
            let rect = Rect(x: frame.rect.left, y: 0, width: frame.rect.right - frame.rect.left, height: height)
            if let hex = frame.cell.fill ?? fill, let paint = paints.fill(hex) {
                fills.append(.rect(rect, paint))
            }
            texts.append(.tag(frame.tag))
            for line in frame.shaped.lines {
                texts += ParagraphBoxes.items(of: line, x: frame.rect.left + padding, top: padding + shift + line.top,
                                              link: frame.cell.paragraph.linkDestination)
            }
            if let name = frame.cell.signatureField {
                texts += TableBoxes.signatureField(name, in: rect.insetBy(padding))
            }
            texts.append(.tag(frame.tag.closing))
            if let border = paints.border { borders.append(.rect(rect, border)) }
        }
        let items = [.tag(.begin(role: rowRole, alt: nil))] + texts + [.tag(.end(role: rowRole))]
        return VBox(height: height, items: items, decoration: fills + borders, breakBefore: breakBefore, place: place, what: what)
    }
}

extension TableBoxes {
    /// A signature field filling a cell inside its padding, in a `Form` structure element of its own (the
    /// finishing step links the field's widget to that element).
    static func signatureField(_ name: String, in rect: Rect) -> [FrameItem] {
        [.tag(.begin(role: "Form", alt: nil)), .signatureField(name: name, rect: rect), .tag(.end(role: "Form"))]
    }
}

extension Rect {
    /// The rectangle shrunk by `inset` on every side (never below zero size).
    func insetBy(_ inset: Double) -> Rect {
        Rect(x: x + inset, y: y + inset, width: max(0, width - 2 * inset), height: max(0, height - 2 * inset))
    }
}
