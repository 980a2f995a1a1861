import Foundation

/// An exact amount of dirhams, kept in centimes. Never floating point: sums are exact.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in centimes (1 dirham = 100 centimes).
    public var centimes: Int64

    public init(centimes: Int64) { self.centimes = centimes }
    /// Whole dirhams.
    public init(dirhams: Int64) {
        let (product, overflow) = dirhams.multipliedReportingOverflow(by: 100)
        self.centimes = overflow ? (dirhams < 0 ? .min : .max) : product
    }

    public static let zero = Money(centimes: 0)
    // Sums and differences saturate instead of trapping: the data's amounts are added up (projects, financing lines)
    // before validation refuses any over a million millions of dirhams, and amounts of 17 digits added together
    // overflowed 64 bits and stopped the program (the server with it). A saturated sum is far over that limit, so it is
    // reported as an error, never printed in a dossier.
    public static func + (a: Money, b: Money) -> Money { Money(centimes: saturating(a.centimes.addingReportingOverflow(b.centimes))) }
    public static func - (a: Money, b: Money) -> Money { Money(centimes: saturating(a.centimes.subtractingReportingOverflow(b.centimes))) }

    /// The result of a 64-bit operation, or the nearest bound when it overflowed (`partialValue` wraps: its sign is
    /// the opposite of the true result's).
    private static func saturating(_ result: (partialValue: Int64, overflow: Bool)) -> Int64 {
        guard result.overflow else { return result.partialValue }
        return result.partialValue < 0 ? .max : .min
    }
    public static func < (a: Money, b: Money) -> Bool { a.centimes < b.centimes }

    /// Whole dirhams (truncated toward zero) and the centimes left over.
    public var dirhamsAndCentimes: (dirhams: Int64, centimes: Int64) { (centimes / 100, abs(centimes % 100)) }

    /// Plain decimal text with a point, e.g. `2410000.50`; what the JSON export writes.
    public var description: String {
        let (d, c) = dirhamsAndCentimes
        let sign = centimes < 0 && d == 0 ? "-" : ""
        return c == 0 ? "\(sign)\(d)" : "\(sign)\(d).\(c < 10 ? "0" : "")\(c)"
    }

    /// Parses an amount as written in the data: dirhams (`28250000`, `2410000.50`, `2 410 000,50`) or with a
    /// unit (`5.3 M`, `5,3 M`, `1.74 MDH`, `750 K`). Returns nil when the text is not an amount or has more
    /// precision than a centime.
    public init?(parsing raw: String) {
        var text = raw.trimmedOfWhiteSpace
        var multiplier: Int64 = 1
        let upper = text.uppercased()
        for (suffix, factor) in [("MDH", Int64(1_000_000)), ("M", 1_000_000), ("K", 1_000), ("DH", 1), ("MAD", 1)]
        where upper.hasSuffix(suffix) {
            text = text.dropLast(suffix.count).trimmedOfWhiteSpace
            multiplier = factor
            break
        }
        // Thousands may be grouped with spaces; a comma is a decimal comma (Moroccan usage).
        text = text.removing([" ", "\u{00A0}", "\u{202F}"]).replacing(",", with: ".")
        guard let value = Money.exactCentimes(text, multiplier: multiplier) else { return nil }
        centimes = value
    }

    /// Parses `[-]digits[.digits]` times `multiplier` into centimes, exactly.
    private static func exactCentimes(_ text: String, multiplier: Int64) -> Int64? {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigitChar) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigitChar), parts.count == 1 || !fraction.isEmpty else { return nil }
        // value = (whole.fraction) × multiplier × 100, computed on integers.
        let digits = String(whole) + String(fraction)
        guard digits.count <= 17, var scaled = Int64(digits) else { return nil }
        var scale = multiplier * 100
        var divisor: Int64 = 1
        for _ in 0..<fraction.count { divisor *= 10 }
        // Reduce before multiplying to avoid overflow.
        let common = gcd(scale, divisor)
        scale /= common; divisor /= common
        guard scaled % divisor == 0 else { return nil }
        scaled /= divisor
        let (result, overflow) = scaled.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        return negative ? -result : result
    }

    private static func gcd(_ a: Int64, _ b: Int64) -> Int64 { b == 0 ? a : gcd(b, a % b) }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try (try? container.decode(String.self)) ?? String(container.decode(Int64.self))
        guard let value = Money(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an amount: \(text)")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
