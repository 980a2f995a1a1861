import DossierModel
import Foundation

/// A field reference with formatters: `{project.amount|millions}`.
struct Expression: Equatable {
    var path: [String]
    var formatters: [Formatter]
    /// Text printed instead of an absent, empty or zero value (`|or:—`).
    var fallback: String?
}

/// A piece of text in a layout: literal text and expressions.
enum TextPiece: Equatable {
    case literal(String)
    case expression(Expression)
}

/// Formatters a layout may apply to a value.
enum Formatter: String, CaseIterable {
    case text, money, moneyNumber = "money-number", millions, millionsNumber = "millions-number", words, percent, number, date, year
    case count, join

    /// What the formatter accepts.
    func accepts(_ type: FieldType) -> Bool {
        switch self {
        case .text: if case .list = type { return false } else { if case .object = type { return false }; return true }
        case .money, .moneyNumber, .millions, .millionsNumber, .words: return type == .money
        case .percent: return type == .percent
        case .number: return type == .integer || type == .percent || type == .money
        case .date, .year: return type == .date
        case .count: if case .list = type { return true } else { return false }
        case .join: return type == .list(.text)
        }
    }

    var expects: String {
        switch self {
        case .text: return "a single value"
        case .money, .moneyNumber, .millions, .millionsNumber, .words: return "an amount"
        case .percent: return "a percentage"
        case .number: return "a number"
        case .date, .year: return "a date"
        case .count: return "a list"
        case .join: return "a list of texts"
        }
    }

    /// The type the formatter produces.
    var output: FieldType { self == .count ? .integer : .text }
}

enum ExpressionParser {
    struct Failure: Error { var message: String }

    /// Splits text into literals and `{…}` expressions; `{{` and `}}` write braces.
    static func pieces(_ text: String) throws -> [TextPiece] {
        var pieces: [TextPiece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            let next = text.index(after: index)
            if c == "{", next < text.endIndex, text[next] == "{" {
                literal.append("{"); index = text.index(after: next); continue
            }
            if c == "}", next < text.endIndex, text[next] == "}" {
                literal.append("}"); index = text.index(after: next); continue
            }
            if c == "{" {
                guard let close = text[next...].firstIndex(of: "}") else {
                    throw Failure(message: "«{» opens a field that is never closed with «}» (write {{ for a brace)")
                }
                if !literal.isEmpty { pieces.append(.literal(literal)); literal = "" }
                pieces.append(.expression(try expression(String(text[next..<close]))))
                index = text.index(after: close); continue
            }
            if c == "}" { throw Failure(message: "«}» without «{» (write }} for a brace)") }
            literal.append(c)
            index = next
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    static func expression(_ body: String) throws -> Expression {
        let parts = body.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let path = parts[0].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts[0].isEmpty, path.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) else {
            throw Failure(message: "«{\(body)}» is not a field: write a path such as {project.title} or {project.amount|millions}")
        }
        var formatters: [Formatter] = []
        var fallback: String? = nil
        for name in parts.dropFirst() {
            if name.hasPrefix("or:") { fallback = String(name.dropFirst(3)); continue }
            guard let formatter = Formatter(rawValue: name) else {
                throw Failure(message: "unknown formatter «\(name)»; formatters: "
                              + Formatter.allCases.map(\.rawValue).joined(separator: ", ") + ", or:TEXT")
            }
            formatters.append(formatter)
        }
        return Expression(path: path, formatters: formatters, fallback: fallback)
    }
}

/// Turns values into the text a dossier prints, in ar-MA style and the document's digits.
struct ValueFormatter {
    let format: MoroccanFormat

    func string(_ value: Value, _ expression: Expression) -> String {
        if let fallback = expression.fallback, value.isEmptyOrZero { return fallback }
        var current = value
        for formatter in expression.formatters { current = apply(formatter, to: current) }
        return plain(current)
    }

    func apply(_ formatter: Formatter, to value: Value) -> Value {
        switch (formatter, value) {
        case (.money, .money(let m)): return .text(format.money(m))
        case (.moneyNumber, .money(let m)): return .text(format.moneyNumber(m))
        case (.millions, .money(let m)): return .text(format.millions(m))
        case (.millionsNumber, .money(let m)): return .text(format.millionsNumber(m))
        case (.words, .money(let m)): return .text(AmountInWords.words(m) ?? format.money(m))
        case (.percent, .percent(let p)): return .text(format.percent(p))
        case (.number, .integer(let i)): return .text(format.integer(i))
        case (.number, .percent(let p)): return .text(format.decimal(p))
        case (.number, .money(let m)): return .text(format.moneyNumber(m))
        case (.date, .date(let d)): return .text(format.date(d))
        case (.year, .date(let d)): return .text(format.localize(String(d.year)))
        case (.count, .list(let l)): return .integer(l.count)
        case (.join, .list(let l)): return .text(l.map(plain).joined(separator: "، "))
        default: return .text(plain(value))
        }
    }

    /// The default text of a value: amounts in dirhams, dates with month names, numbers in the document's digits.
    func plain(_ value: Value) -> String {
        switch value {
        case .text(let s): return s
        case .money(let m): return format.money(m)
        case .date(let d): return format.date(d)
        case .percent(let p): return format.percent(p)
        case .integer(let i): return format.integer(i)
        case .bool(let b): return b ? "نعم" : "لا"
        case .list(let l): return l.map(plain).joined(separator: "، ")
        case .object, .absent: return ""
        }
    }
}
