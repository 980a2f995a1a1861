import DossierFrames
import DossierKit
import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// What readers get when they search and copy in their viewers: the dossiers are rendered, then read back by
/// the engines of the viewers they use (PDFium: Chrome and Edge; MuPDF; poppler: Evince and Okular), through
/// `Tests/ViewerText/viewer_text.py` in the project's own Python environment (`.venv`, made by
/// `scripts/setup.sh`). What each dossier should hold comes from its frames (the text Dossier drew).
@Suite(.serialized) struct ViewerTextTests {
    static let date = "2016-12-08"
    static let python = CLI.repoRoot.appendingPathComponent(".venv/bin/python")
    static let script = CLI.repoRoot.appendingPathComponent("Tests/ViewerText/viewer_text.py")
    /// The share of words each engine must find, and of strings PDFium and poppler must copy verbatim.
    static let wordsRequired = 0.98
    static let stringsRequired = ["PDFium copy": 0.98, "poppler copy": 0.9]
    // poppler's floor is lower on purpose: PDFium mirrors brackets when it reverses right-to-left text and
    // poppler does not, and brackets are written for PDFium (README, "Searching and copying"), so poppler
    // copies «(إقليم خيالي)» with its brackets swapped. Every other string must come out verbatim in both.

    /// One dossier's expectations.
    struct Expectation { var pdf: URL; var words: [String]; var strings: [String] }

    @Test(arguments: ["Examples/taounate-2016/convention.yaml", "Examples/fictional-water-2024/convention.yaml"])
    func viewersFindAndCopyTheDataOfEveryDossier(data: String) throws {
        let expectations = try Self.dossiers(of: CLI.repoRoot.appendingPathComponent(data))
        try Self.judge(expectations, label: data)
    }

    @Test func viewersFindTheWordsOfTheSpecimen() throws {
        let out = try TestTools.scratch("viewer-specimen")
        let result = try CLI.run(["specimen", "--out", out.path, "--date", Self.date])
        #expect(result.status == 0, "\(result.stderr)")
        let typesetter = try Typesetter(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"))
        let sample = ConventionLoader.load(CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"))
        let laidOut = try typesetter.layout(DossierKit.Specimen.document(date: Self.date, convention: sample.convention))
        let words = Self.arabicWords(in: laidOut.runTexts.joined(separator: " "))
        try Self.judge([Expectation(pdf: out.appendingPathComponent("specimen.pdf"), words: words.sorted(), strings: [])],
                       label: "specimen")
    }

    // MARK: - Expectations

    /// Renders every dossier of a convention (convention, projects, meetings, partners' letters) and lists, for
    /// each, the data's Arabic words it draws and the data's strings it draws whole on one line.
    static func dossiers(of data: URL) throws -> [Expectation] {
        let out = try TestTools.scratch("viewer-text")
        let result = try CLI.run(["render", data.path, "--out", out.path, "--date", date,
                                  "--only", "convention", "--only", "projects", "--only", "meetings", "--only", "partners"])
        #expect(result.status == 0, "\(result.stderr)")
        let batch = try DossierBatch(fontsManifest: CLI.repoRoot.appendingPathComponent("Fonts/fonts.txt"), data: data, dataDisplay: data.lastPathComponent,
                                     layoutsFolder: CLI.repoRoot.appendingPathComponent("Layouts"), layoutsDisplay: "Layouts")
        let dataWords = arabicWords(in: try String(contentsOf: data, encoding: .utf8))
        let candidates = copyCandidates(batch.convention)
        let typesetter = try batch.makeTypesetter()
        return try batch.jobs([.convention, .projects, .meetings, .partners]).map { job in
            let laidOut = try batch.layout(job, date: try #require(Day(parsing: date)), typesetter: typesetter)
            let runs = laidOut.runTexts
            let words = arabicWords(in: runs.joined(separator: " ")).intersection(dataWords)
            let lines = runs.map(normalised)
            let strings = candidates.filter { candidate in lines.contains { $0.contains(normalised(candidate)) } }
            return Expectation(pdf: out.appendingPathComponent(job.stem + ".pdf"), words: words.sorted(), strings: strings.sorted())
        }
    }

    /// Titles, partner names, places and amounts: what a reader copies into a reply.
    static func copyCandidates(_ convention: Convention) -> Set<String> {
        let format = MoroccanFormat()
        var strings: Set<String> = [convention.convention.title, convention.convention.programme, convention.convention.province,
                                    format.moneyNumber(convention.convention.totalAmount)]
        if let region = convention.convention.region { strings.insert(region) }
        for partner in convention.partners { strings.insert(partner.name) }
        for project in convention.projects {
            strings.insert(project.title)
            strings.insert(format.moneyNumber(project.amount))
            for location in project.locations { strings.insert(location.commune); strings.formUnion(location.douars) }
            for line in project.financing { strings.insert(format.moneyNumber(line.amount)) }
        }
        for meeting in convention.meetings { strings.insert(meeting.place) }
        return strings.filter { !$0.isEmpty }
    }

    /// Distinct Arabic words of three letters or more, without vowel marks (viewers' find ignores none of them).
    static func arabicWords(in text: String) -> Set<String> {
        var words: Set<String> = []
        var current = String.UnicodeScalarView()
        func flush() {
            let word = String(current)
            current = String.UnicodeScalarView()
            guard word.unicodeScalars.count >= 3, !word.unicodeScalars.contains(where: { (0x064B...0x065F).contains($0.value) }) else { return }
            words.insert(word)
        }
        for scalar in text.unicodeScalars {
            if (0x0621...0x064A).contains(scalar.value) || (0x064B...0x065F).contains(scalar.value) || (0x0671...0x06D3).contains(scalar.value) {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    static func normalised(_ text: String) -> String {
        let dropped = text.unicodeScalars.filter { !(0x2066...0x2069).contains($0.value) && $0.value != 0x2060 }
        return String(String.UnicodeScalarView(dropped)).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: - Judging

    struct Report: Decodable {
        struct Missing: Decodable {
            var missing: [String]
            /// MuPDF only: words missing even from its text with white space taken out.
            var unjoined: [String]?
        }
        struct Strings: Decodable { var pdfium: Missing; var mupdf: Missing; var poppler: Missing }
        var pdfium: Missing
        var mupdf: Missing
        var poppler: Missing
        var strings: Strings
        /// U+0640 characters in each engine's text, by engine.
        var tatweels: [String: Int]
    }

    /// Runs the engines on every dossier and requires the shares above over the whole set; prints the figures.
    static func judge(_ expectations: [Expectation], label: String) throws {
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            Issue.record("no \(python.path): run scripts/setup.sh (make test does) to install pypdfium2 and PyMuPDF")
            return
        }
        var words = 0, strings = 0
        var missing: [String: [String]] = ["PDFium": [], "MuPDF": [], "poppler": [], "PDFium copy": [], "poppler copy": []]
        for expectation in expectations {
            let report = try run(expectation)
            let name = expectation.pdf.lastPathComponent
            words += expectation.words.count
            strings += expectation.strings.count
            missing["PDFium"]! += report.pdfium.missing.map { "\(name): \($0)" }
            missing["MuPDF"]! += report.mupdf.missing.map { "\(name): \($0)" }
            missing["poppler"]! += report.poppler.missing.map { "\(name): \($0)" }
            missing["PDFium copy"]! += report.strings.pdfium.missing.map { "\(name): \($0)" }
            missing["poppler copy"]! += report.strings.poppler.missing.map { "\(name): \($0)" }
        }
        #expect(words > 50 * expectations.count / expectations.count, "\(label): too few words to judge (\(words))")
        for engine in ["PDFium", "MuPDF", "poppler"] {
            let share = 1 - Double(missing[engine]!.count) / Double(max(words, 1))
            print("viewer text \(label): \(engine) finds \(words - missing[engine]!.count) of \(words) words (\(percent(share)))"
                  + (missing[engine]!.isEmpty ? "" : "; missing \(missing[engine]!.prefix(8))"))
            #expect(share >= wordsRequired, "viewer-text rule: \(engine) finds only \(percent(share)) of the words of \(label); missing: \(missing[engine]!.prefix(20))")
        }
        let popplerOthers = missing["poppler copy"]!.filter { !$0.contains("(") }
        #expect(popplerOthers.isEmpty, "viewer-text rule: poppler copies strings without brackets wrongly: \(popplerOthers.prefix(10))")
        for engine in ["PDFium copy", "poppler copy"] where strings > 0 {
            let share = 1 - Double(missing[engine]!.count) / Double(strings)
            print("viewer text \(label): \(engine) verbatim \(strings - missing[engine]!.count) of \(strings) strings (\(percent(share)))"
                  + (missing[engine]!.isEmpty ? "" : "; missing \(missing[engine]!.prefix(4))"))
            #expect(share >= stringsRequired[engine]!, "viewer-text rule: \(engine) copies only \(percent(share)) of the strings of \(label) verbatim; missing: \(missing[engine]!.prefix(20))")
        }
    }

    static func percent(_ share: Double) -> String { String(format: "%.1f %%", share * 100) }

    static func run(_ expectation: Expectation) throws -> Report {
        let request = try TestTools.scratch("viewer-request").appendingPathComponent("request.json")
        let body: [String: Any] = ["pdf": expectation.pdf.path, "words": expectation.words, "strings": expectation.strings]
        try JSONSerialization.data(withJSONObject: body).write(to: request)
        let outcome = try TestTools.execute(python, [script.path, request.path])
        let data = outcome.stdout
        guard outcome.status == 0 else {
            throw CLIError("viewer_text.py failed on \(expectation.pdf.lastPathComponent): \(outcome.errors)")
        }
        return try JSONDecoder().decode(Report.self, from: data)
    }

    struct CLIError: Error, CustomStringConvertible { var description: String; init(_ text: String) { description = text } }
}

extension LaidOutDocument {
    /// The logical text of every glyph run, page after page.
    var runTexts: [String] {
        pages.flatMap { page in
            page.items.compactMap { item -> String? in
                if case .text(let run) = item { return run.text }
                return nil
            }
        }
    }
}
