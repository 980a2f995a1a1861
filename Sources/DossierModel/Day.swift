import Foundation

/// A calendar date without a time or time zone (a signing date, a meeting day).
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) { self.year = year; self.month = month; self.day = day }

    /// The years a date of the data may have: a typo such as `0216` or `2106` is refused rather than
    /// printed in a dossier.
    public static let years = 1900...2100

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, nothing before or after) with a year in `years`; nil when
    /// the text is anything else or not a real calendar day.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigitChar) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              Day.years.contains(y), (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// What messages ask for when a date cannot be read.
    public static let expected = "write a real day as YYYY-MM-DD with a year from \(years.lowerBound) to \(years.upperBound), e.g. 2016-12-08"

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    /// `YYYY-MM-DD`.
    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Day(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a date YYYY-MM-DD: \(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// A start and end date.
public struct Period: Hashable, Sendable, Codable {
    public var start: Day
    public var end: Day
    public init(start: Day, end: Day) { self.start = start; self.end = end }
}
