import DossierContent
import DossierModel
import Foundation

/// A named style as written in a layout; unset properties come from its base, then from the defaults.
struct StyleSpec {
    var base: String?
    var properties: [String: String]
    var location: LayoutLocation
}

/// The named styles of a layout, resolved through their `base` chains.
struct StyleSheet {
    var specs: [String: StyleSpec] = [:]

    static let properties = ["name", "base", "font", "size", "weight", "slant", "color", "align", "line-height",
                             "space-before", "space-after", "indent", "letter-spacing", "word-spacing", "direction",
                             "widows", "orphans", "justify"]

    /// All properties of `name`, from the deepest base up.
    func properties(of name: String) -> [String: String]? {
        guard let spec = specs[name] else { return nil }
        var chain: [StyleSpec] = [spec]
        var seen: Set<String> = [name]
        while let base = chain.last?.base, let next = specs[base], !seen.contains(base) {
            chain.append(next); seen.insert(base)
        }
        var merged: [String: String] = [:]
        for spec in chain.reversed() { merged.merge(spec.properties) { $1 } }
        return merged
    }

    /// Text and paragraph styles from resolved properties (already checked).
    static func resolve(_ p: [String: String], direction: Direction) -> (TextStyle, ParagraphStyle) {
        var text = TextStyle()
        if let font = p["font"] { text.family = font }
        if let size = p["size"].flatMap(Units.length) { text.size = size }
        text.bold = p["weight"] == "bold"
        text.italic = p["slant"] == "italic"
        if let color = p["color"] { text.color = color }
        if let v = p["letter-spacing"].flatMap(Units.length) { text.letterSpacing = v }
        if let v = p["word-spacing"].flatMap(Units.length) { text.wordSpacing = v }
        var paragraph = ParagraphStyle(direction: p["direction"].flatMap(Direction.init(rawValue:)) ?? direction)
        if let align = p["align"].flatMap(TextAlign.init(rawValue:)) { paragraph.align = align }
        if let v = p["line-height"].flatMap(Units.plainNumber) { paragraph.lineHeight = v }
        if let v = p["space-before"].flatMap(Units.length) { paragraph.spaceBefore = v }
        if let v = p["space-after"].flatMap(Units.length) { paragraph.spaceAfter = v }
        if let v = p["indent"].flatMap(Units.length) { paragraph.firstLineIndent = v }
        if let v = p["widows"].flatMap(Int.init) { paragraph.widows = v }
        if let v = p["orphans"].flatMap(Int.init) { paragraph.orphans = v }
        if let v = p["justify"].flatMap(Justification.init(rawValue:)) { paragraph.justification = v }
        return (text, paragraph)
    }

    /// A message when a property value is not valid, nil when it is.
    static func check(property: String, value: String) -> String? {
        switch property {
        case "size", "space-before", "space-after", "indent", "letter-spacing", "word-spacing":
            return Units.length(value) == nil ? "«\(value)» is not a length; \(Units.lengthHelp)" : nil
        case "weight": return ["normal", "bold"].contains(value) ? nil : "weight is normal or bold, not «\(value)»"
        case "slant": return ["normal", "italic"].contains(value) ? nil : "slant is normal or italic, not «\(value)»"
        case "color": return Units.isColor(value) ? nil : "«\(value)» is not a colour (#rrggbb)"
        case "align": return TextAlign(rawValue: value) == nil ? "align is start, end, center or justify, not «\(value)»" : nil
        case "justify": return Justification(rawValue: value) == nil ? "justify is spaces or kashida, not «\(value)»" : nil
        case "direction": return Direction(rawValue: value) == nil ? "direction is rtl or ltr, not «\(value)»" : nil
        case "line-height":
            return Units.plainNumber(value).map { $0 > 0 && $0 <= 10 } == true ? nil : "line-height is a factor from 0 to 10 such as 1.2, not «\(value)»"
        case "widows", "orphans":
            return Int(value).map { (1...100).contains($0) } == true ? nil : "\(property) is a whole number of lines from 1 to 100"
        default: return nil
        }
    }
}

/// Lengths, page sizes and colours as layouts write them.
enum Units {
    /// The longest length a layout may give, in points: 14 400 pt (200 in, 5 m) is the largest page PDF
    /// allows. Anything longer is a typo, and `inf` or `1e308` would poison every later computation.
    static let maximumLength = 14_400.0
    /// The largest share a column may take (`1000*`): shares are ratios, and huge ones overflow sums.
    static let maximumShare = 1_000.0
    /// How a rejected length is explained.
    static let lengthHelp = "write a length from 0 to 14400pt (5 m), e.g. 12, 12pt, 4mm or 2cm"

    /// `12`, `12pt`, `4.5mm`, `2cm`, `1in` → points; nil for anything else, including `inf`, `nan`,
    /// negative lengths and lengths over `maximumLength`.
    static func length(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var number = Substring(t), factor = 1.0
        for (suffix, unit) in [("pt", 1.0), ("mm", 72 / 25.4), ("cm", 720 / 25.4), ("in", 72.0)] where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count); factor = unit
            break
        }
        guard let value = plainNumber(number).map({ $0 * factor }), (0...maximumLength).contains(value) else { return nil }
        return value
    }

    /// A finite decimal number written with digits (Swift's `Double` also reads `inf`, `nan` and hex).
    static func plainNumber<S: StringProtocol>(_ text: S) -> Double? {
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(String(text)), value.isFinite else { return nil }
        return value
    }

    static let pageSizes: [String: (Double, Double)] = [
        "A3": (841.8898, 1190.5512), "A4": (595.2756, 841.8898), "A5": (419.5276, 595.2756),
        "Letter": (612, 792), "Legal": (612, 1008),
    ]

    /// `A4` or `210mm 297mm`.
    static func pageSize(_ text: String) -> (Double, Double)? {
        if let named = pageSizes[text] { return named }
        let parts = text.split(separator: " ").map(String.init)
        guard parts.count == 2, let w = length(parts[0]), let h = length(parts[1]), w > 50, h > 50 else { return nil }
        return (w, h)
    }

    /// `#rgb` or `#rrggbb` (and at most one line ending after it, as the regular expression this replaced allowed).
    /// Checked by hand: a regular expression is compiled again on every call, and every color of every layout is
    /// checked at every start.
    static func isColor(_ text: String) -> Bool {
        let scalars = Array(text.droppingFinalLineEnd.unicodeScalars)
        guard scalars.first == "#", scalars.count == 4 || scalars.count == 7 else { return false }
        return scalars.dropFirst().allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// `3*` (share of the free width) or a length.
    static func columnWidth(_ text: String) -> ColumnWidth? {
        if text.hasSuffix("*") {
            let weight = text.dropLast().isEmpty ? 1 : plainNumber(text.dropLast())
            return weight.flatMap { $0 > 0 && $0 <= maximumShare ? .proportional($0) : nil }
        }
        return length(text).map(ColumnWidth.fixed)
    }
}
