import Foundation

/// Which digits numbers are printed with: the one document option every printed number follows (text, tables,
/// charts, page numbers, the table of contents, footers). Every number reaches a page through `localize`
/// or `decimal`, so a dossier never mixes two number formats.
public enum Numerals: String, Hashable, Sendable, Codable, CaseIterable {
    /// Western digits, decimal comma, dot grouping: `28.250.000,00` (Moroccan administration, the default).
    case latn
    /// Arabic-Indic digits with Arabic separators: `٢٨٬٢٥٠٬٠٠٠٫٠٠`.
    case arab

    /// `text` (written with Western digits, `.` grouping and `,` decimals) in this style: with Arabic-Indic
    /// digits, a `.` or `,` between two digits becomes the Arabic thousands (٬) or decimal (٫) separator.
    public func localize(_ text: String) -> String {
        guard self == .arab else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let betweenDigits = index > 0 && index + 1 < scalars.count
                && Self.isDigit(scalars[index - 1]) && Self.isDigit(scalars[index + 1])
            switch scalar {
            case "0"..."9": out.append(Unicode.Scalar(scalar.value - 0x30 + 0x0660)!)
            case "." where betweenDigits: out.append("\u{066C}")
            case "," where betweenDigits: out.append("\u{066B}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// A decimal number with a decimal comma and at most `places` decimals, trailing zeros dropped
    /// (`37,3`, `12,5`, `35`), in this style.
    public func decimal(_ value: Double, places: Int) -> String {
        var text = String(format: "%.\(max(0, places))f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        return localize(text.replacingOccurrences(of: ".", with: ","))
    }

    /// The numbers standing in free text (layout text, data text) in this style; numbers inside codes,
    /// references, fingerprints and addresses (`P01`, `TAO-ART-2016/01`, `51d87610829e`) are names and keep
    /// their Western digits.
    public func localizeNumbers(in text: String) -> String {
        guard self == .arab else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard Self.isDigit(scalars[index]) else { out.append(scalars[index]); index += 1; continue }
            var end = index
            while end < scalars.count, Self.isDigit(scalars[end])
                    || ((scalars[end] == "." || scalars[end] == ",") && end + 1 < scalars.count && Self.isDigit(scalars[end + 1])) {
                end += 1
            }
            let number = String(String.UnicodeScalarView(scalars[index..<end]))
            let inCode = Self.isCode(scalars, at: index - 1, awayFrom: -1) || Self.isCode(scalars, at: end, awayFrom: 1)
            out.append(contentsOf: (inCode ? number : localize(number)).unicodeScalars)
            index = end
        }
        return String(out)
    }

    /// Whether the character next to a number makes it part of a code or an address rather than a quantity:
    /// a Latin letter or `/ - _ @`, or a dot that joins it to more letters or digits (not a sentence's full stop).
    private static func isCode(_ scalars: [Unicode.Scalar], at index: Int, awayFrom step: Int) -> Bool {
        guard scalars.indices.contains(index) else { return false }
        let scalar = scalars[index]
        if isLatinLetter(scalar) || "/-_@".unicodeScalars.contains(scalar) { return true }
        guard scalar == ".", scalars.indices.contains(index + step) else { return false }
        return isLatinLetter(scalars[index + step]) || isDigit(scalars[index + step])
    }

    private static func isLatinLetter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}
