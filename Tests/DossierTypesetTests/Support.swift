import DossierContent
import DossierFrames
import DossierKit
import DossierTestSupport
import Foundation
import Testing

/// Paths and helpers shared by the typesetting tests.
enum Support {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let goldens = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")
    static let manifest = repoRoot.appendingPathComponent("Fonts/fonts.txt")

    /// A fresh typesetter (Pango objects are not shared between concurrently running tests).
    static func typesetter() throws -> Typesetter { try Typesetter(fontsManifest: manifest) }

    /// A scratch folder unique to one test.
    static func scratch(_ name: String) throws -> URL { try TestTools.scratch(name) }

    /// Compares `text` with the golden file `name`. With `UPDATE_GOLDENS=1` a differing golden is rewritten, and
    /// the run still fails, listing what changed: a regeneration is reviewed, then the tests are run again,
    /// so a blind regeneration never passes.
    static func assertGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = goldens.appendingPathComponent(name)
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        guard expected != text else { return }
        let changes = changedLines(from: expected, to: text)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            let listed = changes.prefix(12).joined(separator: "\n")
            let message = "golden \(name) rewritten, \(changes.count) line(s) changed; review them (git diff), then run the "
                + "tests again without UPDATE_GOLDENS:\n\(listed)"
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
            return
        }
        let actual = FileManager.default.temporaryDirectory.appendingPathComponent("actual-" + name)
        try? text.write(to: actual, atomically: true, encoding: .utf8)
        let listed = changes.prefix(12).joined(separator: "\n")
        Issue.record("golden \(name) differs in \(changes.count) line(s) (actual output: \(actual.path)):\n\(listed)",
                     sourceLocation: sourceLocation)
    }

    /// The lines that differ, as `- old` / `+ new` pairs (by line number: goldens keep their line structure).
    static func changedLines(from old: String, to new: String) -> [String] {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false), b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var changes: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : nil, right = index < b.count ? String(b[index]) : nil
            guard left != right else { continue }
            if let left { changes.append("line \(index + 1) - \(left)") }
            if let right { changes.append("line \(index + 1) + \(right)") }
        }
        return changes
    }

    /// Text without whitespace and bidi controls, for comparing with what PDF extractors return.
    static func loose(_ text: String) -> String { TestTools.loose(text) }

    /// Runs a command and returns its status and output.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        try TestTools.run(tool, arguments)
    }
}

/// Builds small documents on short pages so that every layout case breaks across pages, in both directions.
struct Cases {
    let direction: Direction

    var rtl: Bool { direction == .rtl }
    var suffix: String { rtl ? "rtl" : "ltr" }

    var body: TextStyle { TextStyle(family: "Amiri", size: 11) }
    var cellStyle: TextStyle { TextStyle(family: "Noto Naskh Arabic", size: 9) }

    /// A 300 × 260 pt page with a footer "page X of Y".
    var template: PageTemplate {
        let footer = rtl ? "الصفحة {page} من {pages}" : "Page {page} of {pages}"
        return PageTemplate(width: 300, height: 260, margins: Margins(top: 24, bottom: 30, start: 20, end: 30),
                            footer: RunningText(paragraph: Paragraph(footer, text: TextStyle(family: "Amiri", size: 8),
                                                                     paragraph: ParagraphStyle(direction: direction, align: .center, spaceAfter: 0))))
    }

    func document(_ blocks: [Block]) -> Document {
        Document(template: template, direction: direction, metadata: Metadata(title: "test", creationDate: "2016-12-08T00:00:00Z"),
                 blocks: blocks)
    }

    var sentence: String {
        rtl ? "تهدف الاتفاقية إلى تثمين المنتوج الحرفي وتحسين ظروف عيش 700 صانع في إقليم تاونات سنة 2016. "
            : "The convention aims to promote local crafts and improve the lives of 700 artisans in Taounate in 2016. "
    }

    func paragraph(_ text: String, align: TextAlign = .justify, widows: Int = 2, orphans: Int = 2) -> Block {
        .paragraph(Paragraph(text, text: body, paragraph: ParagraphStyle(direction: direction, align: align,
                                                                         widows: widows, orphans: orphans)))
    }

    func heading(_ text: String, anchor: String) -> Block {
        .heading(Heading(level: 1, paragraph: Paragraph(text, text: TextStyle(family: "Amiri", size: 14, bold: true),
                                                        paragraph: ParagraphStyle(direction: direction, spaceAfter: 4)),
                         anchor: anchor))
    }

    func cell(_ text: String) -> Cell {
        Cell(Paragraph(text, text: cellStyle, paragraph: ParagraphStyle(direction: direction, spaceAfter: 0)))
    }

    func table(rows: Int) -> Table {
        let head = rtl ? ["الرمز", "المشروع", "المبلغ"] : ["Code", "Project", "Amount"]
        let name = rtl ? "مشروع رقم" : "Project number"
        return Table(columns: [.fixed(40), .proportional(1), .fixed(70)],
                     headerRows: [head.map(cell)],
                     bodyRows: (1...rows).map { [cell("P-\($0)"), cell("\(name) \($0)"), cell("\($0 * 1000).000,00")] },
                     footerRows: [[cell(""), cell(rtl ? "المجموع" : "Total"), cell("\(rows * (rows + 1) / 2 * 1000).000,00")]],
                     direction: direction)
    }
}
