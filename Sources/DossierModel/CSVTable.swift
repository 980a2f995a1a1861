import Foundation

/// A CSV file read with the line and column of every field, for error messages a clerk can act on.
///
/// Hand-written rather than taken from a CSV package because errors must point at the line and column of
/// a field, which the available packages do not report. RFC 4180: comma (or semicolon, as spreadsheets
/// in French locales write) separators, double-quoted fields with `""` escapes and line breaks.
struct CSVTable {
    struct Field { var text: String; var line: Int; var column: Int }
    var header: [Field]
    var rows: [[Field]]

    enum Failure: Error { case unterminatedQuote(line: Int, column: Int), empty }

    static func parse(_ text: String) throws -> CSVTable {
        var records: [[Field]] = []
        var record: [Field] = []
        var field = "", fieldLine = 1, fieldColumn = 1
        var line = 1, column = 1
        var inQuotes = false, quoteLine = 0, quoteColumn = 0
        let scalars = Array(text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
        let separator: Unicode.Scalar = CSVTable.separator(of: scalars)
        var index = scalars.first == "\u{FEFF}" ? 1 : 0
        func endField() {
            record.append(Field(text: field.trimmedOfWhiteSpace, line: fieldLine, column: fieldColumn))
            field = ""
        }
        while index < scalars.count {
            let c = scalars[index]
            if inQuotes {
                if c == "\"" {
                    if index + 1 < scalars.count, scalars[index + 1] == "\"" { field.unicodeScalars.append("\""); index += 1; column += 1 }
                    else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                    if c == "\n" { line += 1; column = 0 }
                }
            } else if c == "\"" && field.trimmedOfWhiteSpace.isEmpty {
                inQuotes = true; quoteLine = line; quoteColumn = column
            } else if c == separator {
                endField(); fieldLine = line; fieldColumn = column + 1
            } else if c == "\n" {
                endField()
                if !isBlank(record) { records.append(record) }
                record = []; line += 1; column = 0; fieldLine = line; fieldColumn = 1
            } else {
                field.unicodeScalars.append(c)
            }
            index += 1; column += 1
        }
        if inQuotes { throw Failure.unterminatedQuote(line: quoteLine, column: quoteColumn) }
        if !field.isEmpty || !record.isEmpty {
            endField()
            if !isBlank(record) { records.append(record) }
        }
        guard let header = records.first else { throw Failure.empty }
        return CSVTable(header: header, rows: Array(records.dropFirst()))
    }

    /// A line without a value: empty, or only separators (spreadsheets write blank rows as `,,,`).
    private static func isBlank(_ record: [Field]) -> Bool { record.allSatisfy { $0.text.isEmpty } }

    /// Semicolon when the first line has more semicolons than commas (French-locale spreadsheets).
    private static func separator(of scalars: [Unicode.Scalar]) -> Unicode.Scalar {
        let firstLine = scalars.prefix { $0 != "\n" }
        return firstLine.filter { $0 == ";" }.count > firstLine.filter { $0 == "," }.count ? ";" : ","
    }
}
