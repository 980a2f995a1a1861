import Foundation

/// Imports the projects table and the financing table from CSV files a clerk keeps in a spreadsheet.
///
/// `projects.csv` columns (header row required, order free, each column once): `code`, `title`, `amount`
/// (required); `title_fr`, `communes` and `douars` (several separated by `;` or `؛`; douars go with the first
/// commune), `beneficiaries`, `implementing_body`, `description`, `start`, `end`, `status`, `physical`,
/// `committed`, `disbursed`. `financing.csv` columns: `project`, `partner`, `amount`. The files must be in
/// the data file's folder or below it.
struct CSVImport {
    let log: ProblemLog
    /// The data file's folder, where imports are looked for, and how messages name it.
    let folder: URL
    let folderDisplay: String

    static let projectColumns = ["code", "title", "title_fr", "communes", "douars", "amount", "beneficiaries",
                                 "implementing_body", "description", "start", "end", "status", "physical",
                                 "committed", "disbursed"]
    static let financingColumns = ["project", "partner", "amount"]
    /// Where a column of `projects.csv` goes in a project, when its name is not the field's.
    static let projectFieldPaths = ["start": "schedule.start", "end": "schedule.end", "physical": "progress.physical",
                                    "committed": "progress.committed", "disbursed": "progress.disbursed"]

    /// One data row: its fields by column name, and its line.
    struct Record {
        var fields: [String: CSVTable.Field]
        var line: Int
        subscript(_ column: String) -> CSVTable.Field? { fields[column] }
    }

    /// The CSV file `imports.<key>` names, read into records; nil (and `imports.<key>` left unread) when it
    /// is outside the data folder, cannot be read or has no header.
    func read(_ key: String, file: String, columns: [String], required: [String]) -> (records: [Record], display: String)? {
        let display = folderDisplay.isEmpty ? file : (folderDisplay as NSString).appendingPathComponent(file)
        guard let url = ImportPath.resolve(file, in: folder, log: log, path: "imports.\(key)") else { return nil }
        guard FileManager.default.fileExists(atPath: url.path) else {
            log.unreadable("imports.\(key)", "«\(shown(file))» does not exist next to the data file; put the CSV file of the \(key) there "
                           + "(or send it with the convention), or correct the name", at: DataLocation(file: display, line: nil, column: nil))
            return nil
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            log.unreadable("imports.\(key)", "cannot read the CSV file (is it saved as UTF-8?)", at: DataLocation(file: display, line: nil, column: nil))
            return nil
        }
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch CSVTable.Failure.unterminatedQuote(let line, let column) {
            log.unreadable("imports.\(key)", "a quoted field is never closed (missing \")", at: DataLocation(file: display, line: line, column: column))
            return nil
        } catch {
            log.unreadable("imports.\(key)", "the CSV file is empty; expected a header row: \(required.joined(separator: ","))",
                           at: DataLocation(file: display, line: 1, column: 1))
            return nil
        }
        checkHeader(table.header, display: display, columns: columns, required: required)
        return (table.rows.map { record($0, header: table.header, display: display) }, display)
    }

    /// Unknown, repeated and missing columns are errors: a value is never read from a column nobody meant.
    private func checkHeader(_ header: [CSVTable.Field], display: String, columns: [String], required: [String]) {
        var seen: [String: CSVTable.Field] = [:]
        for field in header {
            let place = DataLocation(file: display, line: field.line, column: field.column)
            if let first = seen[field.text] {
                log.error("", "column «\(shown(field.text))» appears twice (first at column \(first.column)); keep one of them", at: place)
            } else if !columns.contains(field.text) {
                let hint = Suggest.hint(for: field.text, in: columns)
                log.error("", "unknown column «\(shown(field.text))»\(hint); allowed columns: \(columns.joined(separator: ", "))", at: place)
            }
            seen[field.text] = seen[field.text] ?? field
        }
        for column in required where seen[column] == nil {
            log.error("", "missing required column «\(column)»", at: DataLocation(file: display, line: 1, column: 1))
        }
    }

    /// A row's fields under the first column of each name; values past the last column are an error.
    private func record(_ row: [CSVTable.Field], header: [CSVTable.Field], display: String) -> Record {
        var fields: [String: CSVTable.Field] = [:]
        for (index, field) in row.enumerated() where index < header.count && !field.text.isEmpty {
            fields[header[index].text] = fields[header[index].text] ?? field
        }
        if row.count > header.count, let extra = row.dropFirst(header.count).first(where: { !$0.text.isEmpty }) {
            log.error("", "this row has more fields than the header has columns",
                      at: DataLocation(file: display, line: extra.line, column: extra.column))
        }
        return Record(fields: fields, line: row.first?.line ?? 0)
    }

    /// Reads projects; `firstIndex` is where they start in `projects[…]` paths. A row with errors stays as a
    /// project whose unreadable fields are left unread, so the rows after it keep their paths.
    func projects(file: String, firstIndex: Int) -> [Project] {
        guard let (records, display) = read("projects", file: file, columns: Self.projectColumns,
                                            required: ["code", "title", "amount"]) else { return [] }
        return records.enumerated().map { offset, record in
            ProjectRow(log: log, record: record, path: "projects[\(firstIndex + offset)]", display: display).project()
        }
    }

    /// Reads financing lines and adds them to the projects they name. A row that cannot be added leaves its
    /// project's financing unread, so its sum is not judged without it.
    func addFinancing(file: String, to projects: inout [Project]) {
        guard let (records, display) = read("financing", file: file, columns: Self.financingColumns, required: Self.financingColumns) else {
            for index in projects.indices { log.markUnread("projects[\(index)].financing") }
            return
        }
        for record in records { addFinancing(record, display: display, to: &projects) }
    }

    private func addFinancing(_ record: Record, display: String, to projects: inout [Project]) {
        func at(_ field: CSVTable.Field) -> DataLocation { DataLocation(file: display, line: field.line, column: field.column) }
        let index = record["project"].flatMap { field in projects.firstIndex { $0.code == field.text } }
        if let field = record["project"], index == nil {
            let known = projects.map(\.code).filter { !$0.isEmpty }.sorted().joined(separator: ", ")
            log.error("", "unknown project code «\(shown(field.text))»; known codes: \(known)", at: at(field))
            return
        }
        let missing = Self.financingColumns.filter { record[$0] == nil }
        guard missing.isEmpty, let index, let partner = record["partner"], let amountField = record["amount"] else {
            log.error("", "this row has no \(missing.joined(separator: ", ")); each row needs project, partner and amount",
                      at: DataLocation(file: display, line: record.line, column: 1))
            if let index { log.markUnread("projects[\(index)].financing") }
            return
        }
        let path = "projects[\(index)].financing[\(projects[index].financing.count)]"
        guard let amount = ValueText(log: log).money(amountField.text, "\(path).amount", at: at(amountField)) else {
            log.markUnread("projects[\(index)].financing")
            return
        }
        log.remember(path, DataLocation(file: display, line: record.line, column: 1))
        log.remember("\(path).partner", at(partner))
        log.remember("\(path).amount", at(amountField))
        projects[index].financing.append(FinancingLine(partner: partner.text, amount: amount))
    }
}

/// One row of `projects.csv` read into a project, every field remembered at its cell.
private struct ProjectRow {
    let log: ProblemLog
    let record: CSVImport.Record
    let path: String
    let display: String

    func at(_ field: CSVTable.Field) -> DataLocation { DataLocation(file: display, line: field.line, column: field.column) }
    func fieldPath(_ column: String) -> String { "\(path).\(CSVImport.projectFieldPaths[column] ?? column)" }

    func project() -> Project {
        rememberPlaces()
        let locations = self.locations()
        return Project(code: required("code") ?? "", title: required("title") ?? "", titleFr: record["title_fr"]?.text,
                       locations: locations, amount: required("amount").flatMap { money("amount", $0) } ?? .zero,
                       beneficiaries: record["beneficiaries"].flatMap { values.wholeNumber($0.text, fieldPath("beneficiaries"), at: at($0)) }, implementingBody: record["implementing_body"]?.text,
                       description: record["description"]?.text, schedule: schedule(), status: status(), progress: progress())
    }

    /// The row and each cell, under the paths problems are reported on.
    private func rememberPlaces() {
        log.remember(path, DataLocation(file: display, line: record.line, column: 1))
        for (column, field) in record.fields { log.remember(fieldPath(column), at(field)) }
        for (prefix, column) in [("schedule", "start"), ("schedule", "end"), ("progress", "physical"),
                                 ("progress", "committed"), ("progress", "disbursed"), ("locations", "communes")] {
            if let field = record[column] { log.remember("\(path).\(prefix)", at(field)) }
        }
    }

    private func required(_ column: String) -> String? {
        if let field = record[column] { return field.text }
        log.unreadable(fieldPath(column), "missing required column value «\(column)»", at: DataLocation(file: display, line: record.line, column: 1))
        return nil
    }

    /// Typed cells are read by the path the YAML reader uses too (same values, same messages).
    private var values: ValueText { ValueText(log: log) }

    private func money(_ column: String, _ text: String) -> Money? {
        values.money(text, fieldPath(column), at: record[column].map(at))
    }

    private func day(_ column: String) -> Day? {
        record[column].flatMap { values.day($0.text, fieldPath(column), at: at($0)) }
    }

    private func list(_ column: String) -> [String] {
        (record[column]?.text ?? "").split(whereSeparator: { $0 == ";" || $0 == "؛" })
            .map { $0.trimmedOfWhiteSpace }.filter { !$0.isEmpty }
    }

    /// Communes, the douars going with the first one; each remembered at its cell.
    private func locations() -> [Location] {
        var locations = list("communes").map { Location(commune: $0) }
        for index in locations.indices {
            if let field = record["communes"] { log.remember("\(path).locations[\(index)]", at(field)) }
        }
        let douars = list("douars")
        guard !douars.isEmpty else { return locations }
        guard !locations.isEmpty, let field = record["douars"] else {
            log.error("\(path).locations", "douars are given without a commune; write the commune in «communes»",
                      at: record["douars"].map(at))
            return locations
        }
        locations[0].douars = douars
        log.remember("\(path).locations[0].douars", at(field))
        return locations
    }

    /// Both dates or neither: a schedule with one end is an error rather than silently left out.
    private func schedule() -> Period? {
        let start = day("start"), end = day("end")
        if let start, let end { return Period(start: start, end: end) }
        if (record["start"] == nil) != (record["end"] == nil) {
            let given = record["start"] != nil ? "start" : "end"
            log.unreadable("\(path).schedule", "a schedule needs both start and end; only \(given) is given", at: record[given].map(at))
        }
        return nil
    }

    private func status() -> ProjectStatus? {
        record["status"].flatMap { values.choice($0.text, fieldPath("status"), at: at($0), as: ProjectStatus.self) }
    }

    private func progress() -> Progress? {
        guard ["physical", "committed", "disbursed"].contains(where: { record[$0] != nil }) else { return nil }
        return Progress(physical: record["physical"].flatMap { values.decimal($0.text, fieldPath("physical"), at: at($0)) },
                        committed: record["committed"].flatMap { money("committed", $0.text) },
                        disbursed: record["disbursed"].flatMap { money("disbursed", $0.text) })
    }
}
