import DossierTestSupport
import DossierNumbers
import Foundation
import Testing

/// `digits="arab"`: one number format on every page, charts, page numbers and table of contents included.
@Suite struct NumeralsTests {
    /// Rule: with Arabic-Indic digits, no number on any page is written with Western digits, and no Arabic-Indic
    /// number uses a Latin separator («٣٧,٣» beside «٣٧٫٣»). Codes, references and the fingerprint keep their
    /// Latin form: they are names, not numbers.
    @Test func arabicIndicDigitsGiveOneNumberFormatOnEveryPage() throws {
        let layouts = try TestTools.scratch("arab-layouts")
        for file in try FileManager.default.contentsOfDirectory(atPath: CLI.repoRoot.appendingPathComponent("Layouts").path) {
            let source = CLI.repoRoot.appendingPathComponent("Layouts/\(file)")
            var text = try String(contentsOf: source, encoding: .utf8)
            text = text.replacingOccurrences(of: "digits=\"latn\"", with: "digits=\"arab\"")
            if text.contains("<settings"), !text.contains("digits=\"arab\"") { text = text.replacingOccurrences(of: "<settings ", with: "<settings digits=\"arab\" ") }
            try text.write(to: layouts.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        let out = try TestTools.scratch("arab-out")
        let result = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path, "--date", "2016-12-08",
                                  "--only", "convention", "--only", "P01", "--only", "meetings", "--only", "partners"])
        #expect(result.status == 0, "\(result.stderr)")
        let pdfs = try FileManager.default.subpathsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count >= 4)
        for pdf in pdfs {
            let text = try TestTools.run("pdftotext", [out.appendingPathComponent(pdf).path, "-"]).output
            let mixed = Self.matches(#"[٠-٩][.,][٠-٩]"#, in: text)
            #expect(mixed.isEmpty, "one-number-format rule: \(pdf) writes Arabic-Indic numbers with Latin separators: \(mixed.prefix(5))")
            // A Western number standing alone (not inside a code such as P01, TAO-ART-2016/01 or a fingerprint).
            let western = Self.matches(#"(?<![A-Za-z0-9/\-_.@])[0-9]+(?:[.,][0-9]+)*(?![A-Za-z0-9/\-_@])"#, in: text)
            #expect(western.isEmpty, "one-number-format rule: \(pdf) still prints Western numbers: \(Array(Set(western)).prefix(8))")
        }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }
}

@Suite struct NumberLocalizationTests {
    /// Rule: numbers in free text follow the digit style; numbers inside codes and addresses keep Western digits.
    @Test func freeNumbersFollowTheDigitStyleCodesDoNot() {
        #expect(Numerals.arab.localizeNumbers(in: "بتاريخ 11 دجنبر 2016.") == "بتاريخ ١١ دجنبر ٢٠١٦.")
        #expect(Numerals.arab.localizeNumbers(in: "2015 – 2020 و 28,25 و 100 %") == "٢٠١٥ – ٢٠٢٠ و ٢٨٫٢٥ و ١٠٠ %")
        #expect(Numerals.arab.localizeNumbers(in: "TAO-ART-2016/01 P01 51d87610829e a1@x2.org v1.2")
                == "TAO-ART-2016/01 P01 51d87610829e a1@x2.org v1.2")
        #expect(Numerals.latn.localizeNumbers(in: "11 دجنبر 2016") == "11 دجنبر 2016")
        #expect(Numerals.arab.decimal(37.3, places: 2) == "٣٧٫٣" && Numerals.latn.decimal(37.0, places: 1) == "37")
    }
}
