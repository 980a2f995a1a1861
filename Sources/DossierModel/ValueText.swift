import Foundation

/// The one reading path from text to a typed value, for YAML, JSON and CSV alike: each reader finds the text
/// and where it stands, and this decides whether it is a value and what to say when it is not. So the same
/// text gives the same value, or the same message, whichever file it comes from.
struct ValueText {
    let log: ProblemLog

    /// An amount: `28250000`, `2410000.50`, `5.3 M`.
    func money(_ text: String, _ path: String, at location: DataLocation?) -> Money? {
        read(text, path, location, { Money(parsing: $0) }, expected: "an amount; write dirhams (28250000 or 2410000.50) "
             + "or millions with M (5.3 M), at most 2 decimals of a dirham")
    }

    /// A date `YYYY-MM-DD`.
    func day(_ text: String, _ path: String, at location: DataLocation?) -> Day? {
        read(text, path, location, { Day(parsing: $0) }, expected: "a date; \(Day.expected)")
    }

    /// A whole number: `700`, `1 200` (the sign is kept: negative counts are refused by validation, with their field).
    func wholeNumber(_ text: String, _ path: String, at location: DataLocation?) -> Int? {
        read(text, path, location, Parse.wholeNumber, expected: "a whole number")
    }

    /// An exact decimal (percentages): `35`, `12.5`, `12,5`.
    func decimal(_ text: String, _ path: String, at location: DataLocation?) -> Decimal? {
        read(text, path, location, Parse.decimal, expected: "a number (e.g. 35 or 12.5)")
    }

    /// `true`/`false` and their usual words in English, French and Arabic.
    func bool(_ text: String, _ path: String, at location: DataLocation?) -> Bool? {
        read(text, path, location, Parse.bool, expected: "true or false")
    }

    /// One of the raw values of `T`.
    func choice<T: RawRepresentable & CaseIterable>(_ text: String, _ path: String, at location: DataLocation?,
                                                    as type: T.Type) -> T? where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue)
            log.unreadable(path, "«\(shown(text))» is not allowed here; expected one of: \(allowed.joined(separator: ", "))"
                           + Suggest.hint(for: text, in: allowed), at: location)
            return nil
        }
        return value
    }

    private func read<T>(_ text: String, _ path: String, _ location: DataLocation?, _ parse: (String) -> T?,
                         expected: String) -> T? {
        guard let value = parse(text) else {
            log.unreadable(path, "«\(shown(text))» is not \(expected)", at: location)
            return nil
        }
        return value
    }
}
