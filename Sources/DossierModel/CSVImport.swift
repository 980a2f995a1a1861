import Foundation

/// Imports the projects table and the financing table from CSV files a clerk keeps in a spreadsheet.
///
/// `projects.csv` columns (header row required, order free): `code`, `title`, `amount` (required);
/// `title_fr`, `communes` and `douars` (several separated by `;` or `؛`; douars go with the first commune),
/// `beneficiaries`, `implementing_body`, `description`, `start`, `end`, `status`, `physical`, `committed`,
/// `disbursed`. `financing.csv` columns: `project`, `partner`, `amount`.
struct CSVImport {
    let log: ProblemLog

    static let projectColumns = ["code", "title", "title_fr", "communes", "douars", "amount", "beneficiaries",
                                 "implementing_body", "description", "start", "end", "status", "physical",
                                 "committed", "disbursed"]
    static let financingColumns = ["project", "partner", "amount"]

    func read(_ url: URL, display: String, columns: [String], required: [String]) -> [[String: CSVTable.Field]]? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            log.error("", "cannot read the CSV file (is it saved as UTF-8?)", at: DataLocation(file: display, line: nil, column: nil))
            return nil
        }
        let table: CSVTable
        do { table = try CSVTable.parse(text) } catch CSVTable.Failure.unterminatedQuote(let line, let column) {
            log.error("", "a quoted field is never closed (missing \")", at: DataLocation(file: display, line: line, column: column))
            return nil
        } catch {
            log.error("", "the CSV file is empty; expected a header row: \(required.joined(separator: ","))",
                      at: DataLocation(file: display, line: 1, column: 1))
            return nil
        }
        for field in table.header where !columns.contains(field.text) {
            let hint = Suggest.closest(to: field.text, in: columns).map { " (did you mean «\($0)»?)" } ?? ""
            log.error("", "unknown column «\(field.text)»\(hint); allowed columns: \(columns.joined(separator: ", "))",
                      at: DataLocation(file: display, line: field.line, column: field.column))
        }
        let names = table.header.map(\.text)
        for column in required where !names.contains(column) {
            log.error("", "missing required column «\(column)»", at: DataLocation(file: display, line: 1, column: 1))
        }
        return table.rows.map { row in
            var record: [String: CSVTable.Field] = [:]
            for (index, field) in row.enumerated() where index < names.count && !field.text.isEmpty {
                record[names[index]] = field
            }
            if row.count > names.count, let extra = row.dropFirst(names.count).first(where: { !$0.text.isEmpty }) {
                log.error("", "this row has more fields than the header has columns",
                          at: DataLocation(file: display, line: extra.line, column: extra.column))
            }
            return record
        }
    }

    /// Reads projects; `firstIndex` is where they start in `projects[…]` paths. Also returns the codes of
    /// rows that had errors, so their financing lines are not reported a second time as unknown projects.
    func projects(_ url: URL, display: String, firstIndex: Int) -> (projects: [Project], failedCodes: Set<String>) {
        guard let records = read(url, display: display, columns: Self.projectColumns, required: ["code", "title", "amount"]) else {
            return ([], [])
        }
        var projects: [Project] = [], failed = Set<String>()
        for (offset, record) in records.enumerated() {
            if let project = project(record, path: "projects[\(firstIndex + offset)]", display: display) {
                projects.append(project)
            } else if let code = record["code"]?.text {
                failed.insert(code)
            }
        }
        return (projects, failed)
    }

    private func project(_ record: [String: CSVTable.Field], path: String, display: String) -> Project? {
        func at(_ field: CSVTable.Field) -> DataLocation { DataLocation(file: display, line: field.line, column: field.column) }
        for (column, field) in record { log.remember("\(path).\(column)", at(field)) }
        if let any = record.values.min(by: { $0.column < $1.column }) { log.remember(path, at(any)) }
        func required(_ column: String) -> CSVTable.Field? {
            if let field = record[column] { return field }
            log.error("\(path).\(column)", "missing required column value «\(column)»", at: log.location(of: path))
            return nil
        }
        func money(_ column: String) -> Money? {
            guard let field = record[column] else { return nil }
            guard let value = Money(parsing: field.text) else {
                log.error("\(path).\(column)", "«\(field.text)» is not an amount; write dirhams (5300000) or millions (5.3 M)", at: at(field))
                return nil
            }
            return value
        }
        func day(_ column: String) -> Day? {
            guard let field = record[column] else { return nil }
            guard let value = Day(parsing: field.text) else {
                log.error("\(path).\(column)", "«\(field.text)» is not a date; write YYYY-MM-DD", at: at(field)); return nil
            }
            return value
        }
        func list(_ column: String) -> [String] {
            (record[column]?.text ?? "").split(whereSeparator: { $0 == ";" || $0 == "؛" })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let code = required("code"), title = required("title")
        let amountField = required("amount")
        let amount = amountField != nil ? money("amount") : nil
        var locations = list("communes").map { Location(commune: $0) }
        if !locations.isEmpty { locations[0].douars = list("douars") }
        var schedule: Period? = nil
        if let start = day("start"), let end = day("end") { schedule = Period(start: start, end: end) }
        var status: ProjectStatus? = nil
        if let field = record["status"] {
            status = ProjectStatus(rawValue: field.text)
            if status == nil {
                log.error("\(path).status", "«\(field.text)» is not allowed here; expected one of: "
                          + ProjectStatus.allCases.map(\.rawValue).joined(separator: ", "), at: at(field))
            }
        }
        var physical: Decimal? = nil
        if let field = record["physical"] {
            physical = Decimal(string: field.text.replacingOccurrences(of: ",", with: "."), locale: Locale(identifier: "en_US_POSIX"))
            if physical == nil { log.error("\(path).physical", "«\(field.text)» is not a number (e.g. 35 or 12.5)", at: at(field)) }
        }
        var beneficiaries: Int? = nil
        if let field = record["beneficiaries"] {
            beneficiaries = Int(field.text)
            if beneficiaries == nil { log.error("\(path).beneficiaries", "«\(field.text)» is not a whole number", at: at(field)) }
        }
        let progress = (physical != nil || record["committed"] != nil || record["disbursed"] != nil)
            ? Progress(physical: physical, committed: money("committed"), disbursed: money("disbursed")) : nil
        guard let code, let title, let amount else { return nil }
        return Project(code: code.text, title: title.text, titleFr: record["title_fr"]?.text, locations: locations,
                       amount: amount, beneficiaries: beneficiaries, implementingBody: record["implementing_body"]?.text,
                       description: record["description"]?.text, schedule: schedule, status: status, progress: progress)
    }

    /// Reads financing lines and adds them to the projects they name.
    func addFinancing(_ url: URL, display: String, to projects: inout [Project], skipping failedCodes: Set<String>) {
        guard let records = read(url, display: display, columns: Self.financingColumns, required: Self.financingColumns) else { return }
        for record in records {
            guard let projectField = record["project"], let partnerField = record["partner"], let amountField = record["amount"] else {
                let any = record.values.first
                log.error("", "each row needs project, partner and amount",
                          at: DataLocation(file: display, line: any?.line, column: 1))
                continue
            }
            if failedCodes.contains(projectField.text) { continue }
            guard let index = projects.firstIndex(where: { $0.code == projectField.text }) else {
                log.error("", "unknown project code «\(projectField.text)»; known codes: \((projects.map(\.code) + failedCodes.sorted()).sorted().joined(separator: ", "))",
                          at: DataLocation(file: display, line: projectField.line, column: projectField.column))
                continue
            }
            guard let amount = Money(parsing: amountField.text) else {
                log.error("", "«\(amountField.text)» is not an amount; write dirhams (5300000) or millions (5.3 M)",
                          at: DataLocation(file: display, line: amountField.line, column: amountField.column))
                continue
            }
            let path = "projects[\(index)].financing[\(projects[index].financing.count)]"
            log.remember(path, DataLocation(file: display, line: projectField.line, column: projectField.column))
            log.remember("\(path).partner", DataLocation(file: display, line: partnerField.line, column: partnerField.column))
            log.remember("\(path).amount", DataLocation(file: display, line: amountField.line, column: amountField.column))
            projects[index].financing.append(FinancingLine(partner: partnerField.text, amount: amount))
        }
    }
}
