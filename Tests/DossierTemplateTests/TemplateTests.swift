import DossierContent
import DossierModel
import DossierTemplate
import Foundation
import Testing

enum TemplateSupport {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let layouts = repoRoot.appendingPathComponent("Layouts")

    static func sample() throws -> Convention {
        try #require(ConventionLoader.load(repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml")).convention)
    }

    /// A layouts folder holding `files` (name → text) plus the shipped styles.
    static func folder(_ files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("layouts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: layouts.appendingPathComponent("styles.xml"), to: folder.appendingPathComponent("styles.xml"))
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return folder
    }

    /// Problems of a one-file layout whose body is `body` (line 4 of the file is the body's first line).
    static func problems(kind: String = "convention", body: String) throws -> [String] {
        let text = "<dossier kind=\"\(kind)\">\n<styles src=\"styles.xml\"/>\n<body>\n\(body)\n</body>\n</dossier>\n"
        let folder = try folder(["t.xml": text])
        return LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
    }

    static func bind(kind: String = "convention", body: String, project: Project? = nil, digits: String = "latn") throws -> Document {
        let text = "<dossier kind=\"\(kind)\">\n<settings digits=\"\(digits)\"/>\n<styles src=\"styles.xml\"/>\n<body>\n\(body)\n</body>\n</dossier>\n"
        let folder = try folder(["t.xml": text])
        let (layout, problems) = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts")
        #expect(problems.isEmpty, "\(problems)")
        let compiled = try #require(layout)
        return try Binder(layout: compiled, convention: sample(), imageFolders: [folder])
            .bind(project: project, date: Day(year: 2016, month: 12, day: 8))
    }

    /// Blocks with keep-together groups opened.
    static func flattened(_ blocks: [Block]) -> [Block] {
        blocks.flatMap { block -> [Block] in
            if case .keepTogether(let children) = block { return flattened(children) }
            return [block]
        }
    }

    static func texts(_ blocks: [Block]) -> [String] {
        blocks.flatMap { block -> [String] in
            switch block {
            case .paragraph(let p): return [p.plainText]
            case .heading(let h): return [h.paragraph.plainText]
            case .table(let t): return (t.headerRows + t.bodyRows + t.footerRows).flatMap { $0.map(\.paragraph.plainText) }
            case .keepTogether(let children): return texts(children)
            default: return []
            }
        }
    }
}

@Suite struct LayoutCheckTests {
    @Test func theShippedLayoutsCompileWithoutProblems() {
        let set = LayoutSet.load(folder: TemplateSupport.layouts, display: "Layouts")
        #expect(set.problems.isEmpty, "\(set.problems)")
        #expect(Set(set.layouts.keys) == Set(DossierKind.allCases))
    }

    @Test func unknownElementWithSuggestion() throws {
        let problems = try TemplateSupport.problems(body: "<p>نص</p>\n<tabel/>")
        #expect(problems.count == 1)
        #expect(problems[0].hasPrefix("Layouts/t.xml:5:"), "\(problems)")
        #expect(problems[0].contains("unknown element <tabel> (did you mean <table>?)"))
    }

    @Test func unknownAttribute() throws {
        let problems = try TemplateSupport.problems(body: "<p styel=\"body\">نص</p>")
        #expect(problems == ["Layouts/t.xml:4:16: error: <p> has no attribute «styel» (did you mean «style»?); allowed: style"])
    }

    @Test func unknownFieldNamesWhatExists() throws {
        let problems = try TemplateSupport.problems(body: "<p>{convention.titel}</p>")
        #expect(problems.count == 1)
        #expect(problems[0].contains("Layouts/t.xml:4:"))
        #expect(problems[0].contains("unknown field «convention.titel» (did you mean «title»?)"))
    }

    @Test func projectIsNotDefinedInTheConventionDossier() throws {
        let problems = try TemplateSupport.problems(body: "<p>{project.title}</p>")
        #expect(problems.first?.contains("«project» is not defined here; available: convention, dossier") == true, "\(problems)")
        #expect(try TemplateSupport.problems(kind: "project", body: "<p>{project.title}</p>").isEmpty)
    }

    @Test func wrongFormatter() throws {
        let problems = try TemplateSupport.problems(body: "<p>{convention.title|millions}</p>")
        #expect(problems.count == 1)
        #expect(problems[0].contains("formatter «millions» expects an amount, but «convention.title» is text"))
        let unknown = try TemplateSupport.problems(body: "<p>{convention.total_amount|milions}</p>")
        #expect(unknown.first?.contains("unknown formatter «milions»") == true)
    }

    @Test func badNesting() throws {
        let cellInBody = try TemplateSupport.problems(body: "<cell>نص</cell>")
        #expect(cellInBody.first?.contains("unknown element <cell>") == true)
        let blockInParagraph = try TemplateSupport.problems(body: "<p>نص <table/></p>")
        #expect(blockInParagraph.first?.contains("<table> cannot be inside <p>") == true, "\(blockInParagraph)")
        let rowOutsideTable = try TemplateSupport.problems(body: "<table><column width=\"1*\"/><cell>x</cell></table>")
        #expect(rowOutsideTable.first?.contains("<cell> cannot be inside <table>") == true)
        let textInBody = try TemplateSupport.problems(body: "نص خارج فقرة")
        #expect(textInBody.first?.contains("text is not allowed directly inside <body>") == true)
    }

    @Test func loopsNeedAList() throws {
        let problems = try TemplateSupport.problems(body: "<for each=\"p in convention.title\"><p>{p}</p></for>")
        #expect(problems.first?.contains("«convention.title» is text, not a list") == true, "\(problems)")
        let malformed = try TemplateSupport.problems(body: "<for each=\"convention.projects\"><p>x</p></for>")
        #expect(malformed.first?.contains("should read each=\"name in collection\"") == true)
    }

    @Test func unknownStyleAndMissingInclude() throws {
        let style = try TemplateSupport.problems(body: "<p style=\"bdy\">x</p>")
        #expect(style.first?.contains("style «bdy» is not defined (did you mean «body»?)") == true, "\(style)")
        let include = try TemplateSupport.problems(body: "<include src=\"nothing.xml\"/>")
        #expect(include.first?.contains("cannot read the layout file «nothing.xml»") == true)
        let escape = try TemplateSupport.problems(body: "<include src=\"../secret.xml\"/>")
        #expect(escape.first?.contains("outside the layouts folder") == true)
    }

    @Test func malformedXMLIsReportedWithItsLine() throws {
        let problems = try TemplateSupport.problems(body: "<p>نص\n<b>غامق</p>")
        try #require(problems.count == 1, "\(problems)")
        #expect(problems[0].hasPrefix("Layouts/t.xml:5:"), "\(problems)")
        #expect(problems[0].contains("not well-formed XML (a closing tag does not match the element that is open)"))
    }

    /// libxml2's errors are given in words, not numbers.
    @Test func commonXMLMistakesAreNamedInWords() throws {
        for (body, words) in [("<p style=\"a\" style=\"b\">x</p>", "the same attribute is written twice"),
                              ("<p style=a>x</p>", "an attribute value must be quoted"),
                              ("<p>a &nbsp; b</p>", "an unknown entity")] {
            let problems = try TemplateSupport.problems(body: body)
            #expect(problems.contains { $0.contains(words) }, "«\(body)»: \(problems)")
            #expect(!problems.contains { $0.contains("libxml2 error") }, "«\(body)»: \(problems)")
        }
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        let problems = try TemplateSupport.problems(body: "<p>{convention.titel}</p>\n<tabel/>\n<p style=\"nope\">x</p>")
        #expect(problems.count == 3)
    }
}

@Suite struct BindingTests {
    @Test func fieldsAreFormattedInMoroccanArabic() throws {
        let document = try TemplateSupport.bind(body: """
            <p>{convention.total_amount|money}</p>
            <p>{convention.total_amount|millions}</p>
            <p>{convention.total_amount|words}</p>
            <p>{convention.period.start|date}</p>
            <p>{convention.beneficiaries|number} – {convention.project_count}</p>
            """)
        #expect(TemplateSupport.texts(document.blocks) == [
            "28.250.000,00 درهم", "28,25 مليون درهم", "ثمانية وعشرون مليونا ومائتان وخمسون ألف درهم", "1 يناير 2015", "700 – 8",
        ])
    }

    /// Rule: each bound value is isolated on its own (FSI … PDI), so a spaced dash between two fields never
    /// joins them into one left-to-right token (the meeting dossier once drew «28,25» away from «مليون درهم»).
    @Test func eachBoundValueIsIsolatedOnItsOwn() throws {
        let document = try TemplateSupport.bind(body: "<p>{convention.reference} – {convention.total_amount|millions} مشاريع</p>")
        guard case .paragraph(let paragraph) = try #require(document.blocks.first) else { Issue.record("no paragraph"); return }
        let text = paragraph.runs.map(\.text).joined()
        #expect(text == "\u{2068}TAO-ART-2016/01\u{2069} – \u{2068}28,25 مليون درهم\u{2069} مشاريع",
                "field-isolation rule: bound text «\(text.unicodeScalars.map { $0.value < 0x2066 || $0.value > 0x2069 ? String($0) : "<\(String($0.value, radix: 16))>" }.joined())»")
        #expect(paragraph.plainText == "TAO-ART-2016/01 – 28,25 مليون درهم مشاريع")
    }

    /// Rule: the indentation around a paragraph's text in the layout file is not part of the paragraph (its first
    /// run starts, and its last ends, with what the reader sees), while the spaces between runs stay.
    @Test func indentationAroundAParagraphIsNotPartOfIt() throws {
        let document = try TemplateSupport.bind(body: """
            <p>
                المرجع:
                <b>{convention.reference}</b>
            </p>
            <p>   <b>   الإقليم   </b>   </p>
            """)
        let paragraphs = document.blocks.compactMap { block -> Paragraph? in
            if case .paragraph(let p) = block { return p }
            return nil
        }
        #expect(paragraphs.count == 2)
        for paragraph in paragraphs {
            let texts = paragraph.runs.map(\.text)
            #expect(texts.first?.first != " " && texts.last?.last != " ", "indentation rule: runs «\(texts)» keep the layout's indentation")
        }
        #expect(paragraphs.first?.runs.map(\.text) == ["المرجع: ", "\u{2068}TAO-ART-2016/01\u{2069}"])
        #expect(paragraphs.last?.runs.map(\.text) == ["الإقليم"], "\(paragraphs.last!.runs.map { $0.text.unicodeScalars.map { String($0.value, radix: 16) } })")
    }

    @Test func arabicIndicDigitsApplyEverywhere() throws {
        let document = try TemplateSupport.bind(body: "<p>{convention.total_amount|millions} {dossier.date|date}</p>", digits: "arab")
        #expect(TemplateSupport.texts(document.blocks) == ["٢٨٫٢٥ مليون درهم ٨ دجنبر ٢٠١٦"])
        #expect(document.digits == .arab)
    }

    @Test func loopsConditionsAndFallbacks() throws {
        let document = try TemplateSupport.bind(body: """
            <for each="project in convention.projects"><if test="project.progress"><p>{project.code} {project.progress.physical|percent}</p></if></for>
            <if not="convention.signing_date"><p>بدون تاريخ توقيع</p></if>
            <p>{convention.signing_date|date|or:—}</p>
            """)
        #expect(TemplateSupport.texts(document.blocks) == [
            "P01 35 %", "P02 10 %", "P03 5 %", "P04 25 %", "P05 8 %", "P07 40 %", "P08 0 %", "بدون تاريخ توقيع", "—",
        ])
    }

    @Test func tablesRepeatRowsAndColumns() throws {
        let document = try TemplateSupport.bind(body: """
            <table><column width="1*"/><column width="1*" each="p in convention.projects"/>
            <header><row><cell>الشريك</cell><cell each="p in convention.projects">{p.code}</cell></row></header>
            <row each="partner in convention.partners"><cell>{partner.id}</cell><cell each="a in partner.by_project">{a|millions-number|or:—}</cell></row>
            </table>
            """)
        guard case .table(let table) = document.blocks[0] else { Issue.record("no table"); return }
        #expect(table.columns.count == 9)
        #expect(table.headerRows[0].count == 9)
        #expect(table.bodyRows.count == 11)
        #expect(table.bodyRows[0].map(\.paragraph.plainText) == ["ministry", "2", "1,2", "1,3", "0,91", "0,8", "0,74", "3", "0,6"])
        #expect(table.bodyRows[4].map(\.paragraph.plainText) == ["taounate", "—", "—", "—", "—", "—", "—", "0,5", "—"])
    }

    @Test func dataIsInsertedAsTextNeverAsLayout() throws {
        var convention = try TemplateSupport.sample()
        convention.convention.title = "<b>عنوان</b> {convention.reference} &amp;"
        let folder = try TemplateSupport.folder(["t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body><p>{convention.title}</p></body></dossier>"])
        let (layout, _) = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts")
        let document = try Binder(layout: try #require(layout), convention: convention, imageFolders: [folder])
            .bind(date: Day(year: 2016, month: 12, day: 8))
        #expect(TemplateSupport.texts(document.blocks) == ["<b>عنوان</b> {convention.reference} &amp;"])
    }

    @Test func imagesComeOnlyFromTheLayoutsOrDataFolder() throws {
        let folder = try TemplateSupport.folder(["t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body><image src=\"../../etc/passwd\"/></body></dossier>"])
        let (layout, problems) = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts")
        #expect(problems.isEmpty)
        #expect(throws: BindError.self) {
            try Binder(layout: try #require(layout), convention: try TemplateSupport.sample(), imageFolders: [folder])
                .bind(date: Day(year: 2016, month: 12, day: 8))
        }
    }

    /// Rule: a partner that finances nothing shows «—» in every table of the convention dossier, never «0».
    @Test func aPartnerThatFinancesNothingShowsADash() throws {
        var convention = try TemplateSupport.sample()
        convention.partners.append(Partner(id: "idle", name: "جماعة بلا مساهمة", kind: .commune))
        let set = LayoutSet.load(folder: TemplateSupport.layouts, display: "Layouts")
        let document = try Binder(layout: try #require(set.layouts[.convention]), convention: convention,
                                  imageFolders: [TemplateSupport.layouts]).bind(date: Day(year: 2016, month: 12, day: 8))
        var zeros: [String] = []
        for case .table(let table) in TemplateSupport.flattened(document.blocks) {
            let columns = table.headerRows.first.map { $0.map(\.paragraph.plainText) } ?? []
            let idleColumn = columns.firstIndex { $0.contains("بلا مساهمة") }
            for row in table.bodyRows + table.footerRows {
                let cells = row.map(\.paragraph.plainText)
                if cells.contains(where: { $0.contains("بلا مساهمة") }) { zeros += cells.filter { $0.hasPrefix("0") } }
                if let idleColumn, idleColumn < cells.count, cells[idleColumn].hasPrefix("0") { zeros.append(cells[idleColumn]) }
            }
        }
        #expect(zeros.isEmpty, "dash-for-nothing rule: the idle partner shows \(zeros)")
    }

    @Test func theProjectDossierBindsItsProject() throws {
        let convention = try TemplateSupport.sample()
        let set = LayoutSet.load(folder: TemplateSupport.layouts, display: "Layouts")
        let layout = try #require(set.layouts[.project])
        let document = try Binder(layout: layout, convention: convention, imageFolders: [TemplateSupport.layouts])
            .bind(project: convention.projects[2], date: Day(year: 2016, month: 12, day: 8))
        let texts = TemplateSupport.texts(document.blocks)
        #expect(texts.contains("P03 – إحداث دار الصانعة للفخار القروي النسوي"))
        #expect(texts.contains("دوار كدارة، جماعة بني سنوس"))
        #expect(texts.contains("3.800.000,00 درهم (3,8 مليون درهم)"))
        #expect(document.metadata.title == "بطاقة المشروع P03: إحداث دار الصانعة للفخار القروي النسوي")
        #expect(document.template.footer?.paragraph.plainText.contains("الصفحة {page} من {pages}") == true)
    }
}
