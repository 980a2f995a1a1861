import DossierModel
import DossierTemplate
import Foundation
import Testing

/// Layout files written carelessly or with ill intent: each is reported with its place, never crashes the
/// process and never renders with text silently missing.
@Suite struct HostileLayoutTests {
    /// Problems of a one-file layout given as raw bytes (line 4 starts `body`).
    static func problems(bytes body: [UInt8]) throws -> [String] {
        let head = Array("<dossier kind=\"convention\">\n<styles src=\"styles.xml\"/>\n<body>\n".utf8)
        let tail = Array("\n</body>\n</dossier>\n".utf8)
        let folder = try TemplateSupport.folder([:])
        try Data(head + body + tail).write(to: folder.appendingPathComponent("t.xml"))
        return LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
    }

    @Test func invalidUTF8InACommentIsLocated() throws {
        let problems = try Self.problems(bytes: Array("<p>نص</p>\n<!-- ".utf8) + [0xFF, 0xFE] + Array(" -->".utf8))
        #expect(problems == ["Layouts/t.xml:5:6: error: byte 0xFF is not valid UTF-8; layouts are UTF-8 text "
                             + "(save the file as UTF-8 in your editor)"], "\(problems)")
    }

    @Test func invalidUTF8InATagNameIsLocated() throws {
        let problems = try Self.problems(bytes: Array("<p".utf8) + [0xC3, 0x28] + Array(">x</p>".utf8))
        #expect(problems.count == 1 && problems[0].hasPrefix("Layouts/t.xml:4:3: error: byte 0xC3 is not valid UTF-8"), "\(problems)")
    }

    @Test func overlongAndSurrogateEncodingsAreNotUTF8() throws {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            let problems = try Self.problems(bytes: Array("<p>".utf8) + bad + Array("</p>".utf8))
            #expect(problems.first?.contains("is not valid UTF-8") == true, "\(bad): \(problems)")
        }
    }

    @Test(arguments: ["inf", "infmm", "nan", "-1", "1e308", "1e5mm", "0x10", "20000pt"])
    func nonFiniteAndAbsurdLengthsAreRefused(_ length: String) throws {
        let problems = try TemplateSupport.problems(body: "<spacer height=\"\(length)\"/>")
        #expect(problems == ["Layouts/t.xml:4:\(18 + length.count): error: height=\"\(length)\" is not a length; "
                             + "write a length from 0 to 14400pt (5 m), e.g. 12, 12pt, 4mm or 2cm"], "\(problems)")
    }

    @Test(arguments: ["1e308*", "inf*", "nan*", "2000*"])
    func absurdColumnSharesAreRefused(_ width: String) throws {
        let problems = try TemplateSupport.problems(body: "<table><column width=\"\(width)\"/><row><cell>x</cell></row></table>")
        #expect(problems.count == 1 && problems[0].hasPrefix("Layouts/t.xml:4:")
                && problems[0].contains("width=\"\(width)\" is not a column width"), "\(problems)")
    }

    @Test(arguments: ["#12", "#12345", "#1234567", "#gggggg", "red", "1b3b6f", "#１２３", "", "#abc&#10;&#10;", "&#10;#abc"])
    func malformedColoursAreRefused(_ colour: String) throws {
        let problems = try TemplateSupport.problems(body: "<rule color=\"\(colour)\"/>")
        // The message quotes the value as read (a character reference becomes its character).
        #expect(problems.count == 1 && problems[0].contains("is not a colour"), "colour rule: \(colour): \(problems)")
    }

    @Test(arguments: ["#abc", "#1B3B6F", "#e0a030", "#abc&#10;", "#abcdef&#13;&#10;"])
    func wellFormedColoursAreTaken(_ colour: String) throws {
        #expect(try TemplateSupport.problems(body: "<rule color=\"\(colour)\"/>").isEmpty, "colour rule: \(colour) refused")
    }

    @Test func absurdStyleValuesAreRefused() throws {
        let folder = try TemplateSupport.folder(["t.xml": """
            <dossier kind="convention"><styles><style name="x" size="inf" line-height="inf" widows="1000000000"/></styles>
            <body><p style="x">x</p></body></dossier>
            """])
        let problems = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
        #expect(problems.count == 3, "\(problems)")
        #expect(problems.allSatisfy { $0.hasPrefix("Layouts/t.xml:1:") })
    }

    @Test func deepNestingIsRefusedBeforeRecursing() throws {
        let depth = 10_000
        let body = String(repeating: "<keep>", count: depth) + String(repeating: "</keep>", count: depth)
        let problems = try TemplateSupport.problems(body: body)
        #expect(problems.count == 1 && problems[0].hasPrefix("Layouts/t.xml:4:")
                && problems[0].contains("elements are nested more than 64 deep"), "\(problems)")
    }

    @Test func deepNestingThroughIncludesIsRefused() throws {
        // Each fragment nests 40 deep and includes the next: no file is too deep, the chain is.
        func fragment(_ next: String?) -> String {
            "<fragment>" + String(repeating: "<keep>", count: 40) + (next.map { "<include src=\"\($0)\"/>" } ?? "<p>x</p>")
                + String(repeating: "</keep>", count: 40) + "</fragment>"
        }
        let folder = try TemplateSupport.folder([
            "t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body><include src=\"a.xml\"/></body></dossier>",
            "a.xml": fragment("b.xml"), "b.xml": fragment("c.xml"), "c.xml": fragment(nil),
        ])
        let problems = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
        #expect(problems.count == 1 && problems[0].contains("blocks are nested more than 64 deep here (counting included fragments)"),
                "\(problems)")
    }

    @Test func aStylesFileNamingItselfIsReported() throws {
        let folder = try TemplateSupport.folder([
            "t.xml": "<dossier kind=\"convention\"><styles src=\"loop.xml\"/><body/></dossier>",
            "loop.xml": "<styles src=\"loop.xml\"><style name=\"body\"/></styles>",
        ])
        let problems = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
        #expect(problems == ["Layouts/loop.xml:1:23: error: «loop.xml» includes itself (through loop.xml)"], "\(problems)")
    }

    @Test func doctypeAndEntitiesAreRefused() throws {
        let folder = try TemplateSupport.folder(["t.xml": """
            <?xml version="1.0"?>
            <!DOCTYPE dossier [<!ENTITY title "عنوان">]>
            <dossier kind="convention"><styles src="styles.xml"/><body><p>&title;</p></body></dossier>
            """])
        let problems = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
        #expect(problems == ["Layouts/t.xml:2:1: error: DOCTYPE and entity declarations are not allowed in layouts; write the text "
                             + "itself, and &amp; &lt; &gt; &quot; &apos; for the special characters"], "\(problems)")
    }

    @Test func declarationsInsideCommentsAndCDATAAreText() throws {
        let problems = try TemplateSupport.problems(body: "<!-- <!DOCTYPE x> --><p><![CDATA[<!ENTITY y>]]></p>")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func aLinkToALayoutOutsideTheFolderIsRefused() throws {
        let outside = try TemplateSupport.folder(["secret.xml": "<fragment><p>سر</p></fragment>"])
        let folder = try TemplateSupport.folder([
            "t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body><include src=\"linked.xml\"/></body></dossier>",
        ])
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("linked.xml"),
                                                   withDestinationURL: outside.appendingPathComponent("secret.xml"))
        let problems = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.map(\.description)
        #expect(problems.count == 1 && problems[0].hasPrefix("Layouts/t.xml:1:")
                && problems[0].contains("«linked.xml» is a link to a file outside the layouts folder"), "\(problems)")
    }

    @Test func aLinkInsideTheFolderIsAllowed() throws {
        let folder = try TemplateSupport.folder([
            "t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body><include src=\"linked.xml\"/></body></dossier>",
            "part.xml": "<fragment><p>جزء</p></fragment>",
        ])
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked.xml").path, withDestinationPath: "part.xml")
        #expect(LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts").1.isEmpty)
    }

    @Test func aLinkToAnImageOutsideTheFolderIsRefused() throws {
        let outside = try TemplateSupport.folder([:])
        let folder = try TemplateSupport.folder([
            "t.xml": "<dossier kind=\"convention\"><styles src=\"styles.xml\"/><body>\n<image src=\"logo.png\"/></body></dossier>",
        ])
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("logo.png"),
                                                   withDestinationURL: outside.appendingPathComponent("styles.xml"))
        let (layout, problems) = LayoutSet.compile(file: "t.xml", folder: folder, display: "Layouts")
        #expect(problems.isEmpty)
        let error = #expect(throws: BindError.self) {
            try Binder(layout: try #require(layout), convention: try TemplateSupport.sample(), imageFolders: [folder])
                .bind(date: Day(year: 2016, month: 12, day: 8))
        }
        #expect(error?.description.hasPrefix("Layouts/t.xml:2:") == true, "\(String(describing: error))")
        #expect(error?.description.contains("image «logo.png» is a link to a file outside its folder") == true)
    }

    /// Loops inside loops multiply: six `<for>` over the sample's 11 partners, one inside the other, would repeat their
    /// paragraph 11^6 times (eight grew a render to gigabytes and never ended). The bind stops at the budget, naming
    /// the loop where it ran out; five (161 051 times, within the budget of 200 000) still bind.
    @Test func loopsInsideLoopsAreBounded() throws {
        func nested(_ depth: Int) -> String {
            let names = "abcdefgh".map { "p_\($0)" }
            return (0..<depth).map { "<for each=\"\(names[$0]) in convention.partners\">" }.joined() + "<p>{p_a.name}</p>"
                + String(repeating: "</for>", count: depth)
        }
        // The document is not returned: were it bound, the failure would print all of it.
        let error = #expect(throws: BindError.self) { _ = try TemplateSupport.bind(body: nested(6)) }
        #expect(error?.description.hasPrefix("Layouts/t.xml:5:") == true, "\(String(describing: error))")
        #expect(error?.description.contains("the layout repeats its content more than 200000 times") == true, "\(String(describing: error))")
        #expect(try TemplateSupport.bind(body: nested(5)).blocks.count == 161_051)
    }
}
