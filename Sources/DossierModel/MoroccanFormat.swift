import Foundation
@_exported import DossierNumbers

/// Formats numbers, amounts, percentages and dates the way Moroccan Arabic (ar-MA) documents write them.
/// Everything that prints a number goes through here, so the digit style is applied consistently.
public struct MoroccanFormat: Sendable {
    public var numerals: Numerals
    public init(numerals: Numerals = .latn) { self.numerals = numerals }

    public static let dirham = "درهم"
    public static let million = "مليون"

    /// `28.250.000,00 درهم`.
    public func money(_ amount: Money) -> String { moneyNumber(amount) + " " + Self.dirham }

    /// `28.250.000,00`.
    public func moneyNumber(_ amount: Money) -> String {
        let (dirhams, centimes) = amount.dirhamsAndCentimes
        let sign = amount.centimes < 0 ? "-" : ""
        return localize(sign + grouped(abs(dirhams)) + "," + (centimes < 10 ? "0" : "") + String(centimes))
    }

    /// `28,25 مليون درهم`: millions with up to two decimals, trailing zeros dropped; `7 ملايين درهم` for
    /// whole numbers 3 to 10, as Arabic counts them.
    public func millions(_ amount: Money) -> String {
        let number = millionsNumber(amount)
        let whole = amount.centimes % 100_000_000 == 0 ? amount.centimes / 100_000_000 : nil
        let unit = whole.map { (3...10).contains($0) } == true ? "ملايين" : Self.million
        return "\(number) \(unit) \(Self.dirham)"
    }

    /// `28,25`: the amount in millions, rounded half up to two decimals.
    public func millionsNumber(_ amount: Money) -> String {
        // Hundredths of a million = 10 000 dirhams = 1 000 000 centimes.
        let magnitude = abs(amount.centimes)
        let hundredths = (magnitude + 500_000) / 1_000_000
        var text = String(hundredths / 100)
        let fraction = hundredths % 100
        if fraction != 0 {
            text += "," + (fraction % 10 == 0 ? String(fraction / 10) : (fraction < 10 ? "0" : "") + String(fraction))
        }
        return localize((amount.centimes < 0 ? "-" : "") + text)
    }

    /// `12,5 %`.
    public func percent(_ value: Decimal, decimals: Int = 1) -> String {
        decimal(value, decimals: decimals) + " %"
    }

    /// A decimal with at most `decimals` places, trailing zeros dropped: `12,5`, `35`.
    public func decimal(_ value: Decimal, decimals: Int = 2) -> String {
        var rounded = Decimal(), input = value
        NSDecimalRound(&rounded, &input, decimals, .plain)
        let text = NSDecimalNumber(decimal: rounded).stringValue.replacingOccurrences(of: ".", with: ",")
        return localize(text)
    }

    /// Whole numbers with dot grouping above 9 999: `700`, `12.500`.
    public func integer(_ value: Int) -> String {
        localize(abs(value) >= 10_000 ? (value < 0 ? "-" : "") + grouped(Int64(abs(value))) : String(value))
    }

    /// `8 دجنبر 2016`, with the Moroccan month names.
    public func date(_ day: Day) -> String {
        localize("\(day.day) \(Self.months[day.month - 1]) \(day.year)")
    }

    /// Moroccan month names (ICU's ar_MA data has the same; kept here so output never depends on the ICU build).
    public static let months = ["يناير", "فبراير", "مارس", "أبريل", "ماي", "يونيو",
                                "يوليوز", "غشت", "شتنبر", "أكتوبر", "نونبر", "دجنبر"]

    /// Digits of `text` in this style (`Numerals.localize`, the one converter every printed number uses).
    public func localize(_ text: String) -> String { numerals.localize(text) }

    /// `28250000` → `28.250.000`.
    private func grouped(_ value: Int64) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return out
    }
}
