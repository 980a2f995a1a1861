@testable import DossierModel
import Foundation
import Testing

/// The hand-written trims and removals of data values (`FastText.swift`) give what the Foundation calls they
/// replace give, on values with every kind of white space at either end and inside.
@Suite struct FastTextTests {
    static let values: [String] = [
        "", " ", "\t", "  1 200 000  ", "\u{00A0}12,5\u{202F}", "\n\r\nP01\u{2028}", "\u{0085}نص\u{2029}", "\u{3000}x\u{3000}",
        "\u{000B}\u{000C}v\u{000B}", "a b", "\u{1680}\u{2000}\u{200A}y\u{205F}", "\u{200B}z\u{200B}", " \u{0301}", "1,5 %",
        "ـ عمالة تاونات ـ", "\u{FEFF}bom\u{FEFF}", "\t\ttab\t", "2\u{00A0}000\u{00A0}000 DH", "e\u{0301} ",
    ]

    @Test(arguments: values)
    func trimsAsFoundationDoes(value: String) {
        #expect(value.trimmedOfWhiteSpaceAndNewlines == value.trimmingCharacters(in: .whitespacesAndNewlines),
                "white space and newlines trimmed differently from Foundation in \(value.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(value.trimmedOfWhiteSpace == value.trimmingCharacters(in: .whitespaces),
                "white space trimmed differently from Foundation in \(value.unicodeScalars.map { String($0.value, radix: 16) })")
        #expect(Substring(value).trimmedOfWhiteSpace == value.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: values)
    func removesAndReplacesAsFoundationDoes(value: String) {
        let removed = value.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\u{00A0}", with: "")
            .replacingOccurrences(of: "\u{202F}", with: "")
        #expect(value.removing([" ", "\u{00A0}", "\u{202F}"]) == removed)
        #expect(value.replacing(",", with: ".") == value.replacingOccurrences(of: ",", with: "."))
    }

    /// Every scalar Foundation trims is one these trim, and no other (the Basic Multilingual Plane and beyond).
    @Test func theWhiteSpaceSetsAreFoundations() {
        for value in Array(0...0x3100) + [0xFEFF, 0x1D173, 0xE0020] {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let both = CharacterSet.whitespacesAndNewlines.contains(scalar), spaces = CharacterSet.whitespaces.contains(scalar)
            #expect(String.isWhiteSpaceOrNewline(scalar) == both, "U+\(String(value, radix: 16)): whitespacesAndNewlines")
            #expect(String.isWhiteSpace(scalar) == spaces, "U+\(String(value, radix: 16)): whitespaces")
        }
    }
}
