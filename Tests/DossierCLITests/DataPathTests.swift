import DossierModel
import DossierTestSupport
import Foundation
import Testing

/// Issue 11 ("nothing lost, nothing sent to the wrong partner"), the data half, through the command line.
@Suite(.serialized) struct DataPathTests {
    static let minimal = CLI.repoRoot.appendingPathComponent("Tests/DossierModelTests/Fixtures/minimal.yaml")

    /// A scratch folder holding `data.yaml`: the minimal fixture after the replacements (each must occur).
    static func data(_ replacements: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        var text = try String(contentsOf: minimal, encoding: .utf8)
        for (old, new) in replacements {
            #expect(text.contains(old), "fixture lacks «\(old)»", sourceLocation: sourceLocation)
            text = text.replacingOccurrences(of: old, with: new)
        }
        let folder = try TestTools.scratch("data-path")
        try Data(text.utf8).write(to: folder.appendingPathComponent("data.yaml"))
        return folder
    }

    @Test func validateNamesTheCauseOfEveryFailure() throws {
        let cases: [(String, String, String)] = [
            ("reference: T-1", "reference: \"\"", "data.yaml:2:14: error: convention.reference: required field «reference» is empty; expected text"),
            ("amount: 3 M", "amount: ~", "data.yaml:19:13: error: projects[0].amount: required field «amount» is empty; expected an amount"),
            ("code: P1", "code: null", "data.yaml:16:11: error: projects[0].code: required field «code» is empty; expected the project's code"),
            ("place: مقر العمالة", "place: \"\"", "data.yaml:34:12: error: meetings[0].place: required field «place» is empty; expected text"),
        ]
        for (old, new, expected) in cases {
            let folder = try Self.data([(old, new)])
            let result = try CLI.run(["validate", "data.yaml"], in: folder)
            #expect(result.status == 1, "\(new)")
            #expect(result.stdout.contains(expected), "\(new): \(result.stdout)")
            #expect(!result.stdout.contains("valid —") && !result.stdout.contains(": 0 error(s)"), "\(new): \(result.stdout)")
        }
    }

    /// Partners whose ids the file names would confuse, and ids that only look alike.
    static let partners: [(String, String)] = [
        ("  - id: ministry\n    name: الوزارة\n    kind: ministry\n",
         "  - id: ministry\n    name: جماعة ألف\n    kind: commune\n    contacts: [{email: a1@example.org}, {email: a2@example.org}]\n"),
        ("  - id: indh\n    name: المبادرة الوطنية\n    kind: agency\n",
         "  - id: indh\n    name: جماعة باء\n    kind: commune\n    contacts: [{email: b1@example.org}]\n"),
        ("      - {partner: ministry, amount: 1000000}\n      - {partner: indh, amount: 1 M}\n", "      - {partner: indh, amount: 2 M}\n"),
    ]

    static func partnerData(_ first: String, _ second: String) throws -> URL {
        try data(partners + [("id: ministry", "id: \(first)"), ("partner: ministry", "partner: \(first)"), ("id: indh", "id: \(second)"),
                             ("partner: indh", "partner: \(second)")])
    }

    @Test func partnersWhoseIDsGiveTheSameFileNameGetNoMessageAtAll() throws {
        let folder = try Self.partnerData("commune/a", "commune:a")
        let out = folder.appendingPathComponent("mail")
        let result = try CLI.run(["mail", "data.yaml", "--out", out.path, "--date", "2016-12-08"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was written"), "\(result.stderr)")
        #expect(result.stderr.contains("data.yaml:13:5: error: partners[1].id: partner id «commune:a» gives the same file name «commune_a» as «commune/a» (partners[0].id, data.yaml:9:5)"),
                "\(result.stderr)")
        let written = FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []
        #expect(written.isEmpty, "\(written)")
    }

    @Test func eachPacketCarriesOnlyItsPartnersLetterToItsContacts() throws {
        let folder = try Self.partnerData("commune-a", "commune_a")
        let out = folder.appendingPathComponent("mail")
        let result = try CLI.run(["mail", "data.yaml", "--out", out.path, "--date", "2016-12-08"], in: folder)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        // file|to|attachment=sha256,… for every message.
        let script = """
            import email, email.policy, glob, hashlib, os, sys
            for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.eml'))):
                m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
                parts = [p.get_filename() + '=' + hashlib.sha256(p.get_content()).hexdigest() for p in m.iter_attachments()]
                print('|'.join([os.path.basename(f), ','.join(a.addr_spec for a in m['To'].addresses), ','.join(parts)]))
            """
        let messages = try TestTools.run("python3", ["-c", script, out.path]).output.split(separator: "\n").map(String.init)
        func sha(_ path: String) throws -> String {
            try TestTools.run("sha256sum", [out.appendingPathComponent("dossiers/\(path)").path]).output.prefix { $0 != " " }.description
        }
        // Attachments carry their Arabic names (RFC 2231); the bytes say which dossier each one is.
        let convention = "ملف الاتفاقية T-1.pdf=\(try sha("convention.pdf"))"
        let first = "رسالة إلى جماعة ألف.pdf=\(try sha("partners/commune-a.pdf"))"
        let second = "رسالة إلى جماعة باء.pdf=\(try sha("partners/commune_a.pdf"))"
        let p1 = "بطاقة المشروع P1.pdf=\(try sha("projects/P1.pdf"))", p2 = "بطاقة المشروع P2.pdf=\(try sha("projects/P2.pdf"))"
        #expect(messages == [
            "commune-a-1.eml|a1@example.org|\(first),\(convention),\(p1)",
            "commune-a-2.eml|a2@example.org|\(first),\(convention),\(p1)",
            "commune_a-1.eml|b1@example.org|\(second),\(convention),\(p1),\(p2)",
        ])
        // Each letter is addressed to its own partner.
        for (file, name, other) in [("commune-a", "جماعة ألف", "جماعة باء"), ("commune_a", "جماعة باء", "جماعة ألف")] {
            let text = TestTools.loose(try TestTools.run("pdftotext", [out.appendingPathComponent("dossiers/partners/\(file).pdf").path, "-"]).output)
            #expect(text.contains(TestTools.loose(name)) && !text.contains(TestTools.loose(other)), "\(file).pdf")
        }
    }

    @Test func meetingsOfOneDayGetFilesOfTheirOwn() throws {
        let folder = try Self.data([("    place: مقر العمالة\n", "    place: مقر العمالة\n  - {date: 2016-12-08, place: جماعة بوعادل}\n")])
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["render", "data.yaml", "--out", out.path, "--date", "2016-12-08", "--only", "meetings"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let first = TestTools.loose(try TestTools.run("pdftotext", [out.appendingPathComponent("meetings/2016-12-08.pdf").path, "-"]).output)
        let second = TestTools.loose(try TestTools.run("pdftotext", [out.appendingPathComponent("meetings/2016-12-08-2.pdf").path, "-"]).output)
        #expect(first.contains(TestTools.loose("مقر العمالة")) && !first.contains(TestTools.loose("جماعة بوعادل")))
        #expect(second.contains(TestTools.loose("جماعة بوعادل")) && !second.contains(TestTools.loose("مقر العمالة")))
    }

    @Test func linksReachTheirOwnProjectWhenCodesDifferOnlyByPunctuation() throws {
        let folder = try Self.data([("code: P1", "code: P.1"), ("code: P2", "code: P1")])
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["render", "data.yaml", "--out", out.path, "--date", "2016-12-08", "--only", "convention", "--draft"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let qdf = try TestTools.run("qpdf", ["--qdf", "--object-streams=disable", out.appendingPathComponent("convention.pdf").path, "-"]).output
        #expect(qdf.contains("(project-P.1)") && qdf.contains("(project-P1)"))
    }

    /// Data at every limit of validation, in wide letters, with every character the fonts draw somewhere:
    /// it validates, and every dossier and letter renders.
    @Test func dataAtEveryLimitRenders() throws {
        let folder = try TestTools.scratch("limits")
        try Data(LimitData.yaml().utf8).write(to: folder.appendingPathComponent("limits.yaml"))
        let validate = try CLI.run(["validate", "limits.yaml"], in: folder)
        #expect(validate.status == 0, "\(validate.stdout)")
        let out = folder.appendingPathComponent("out")
        let render = try CLI.run(["render", "limits.yaml", "--out", out.path, "--date", "2016-12-08",
                                  "--only", "convention", "projects", "meetings", "partners"], in: folder)
        #expect(render.status == 0, "\(render.stderr)")
        let pdfs = (FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".pdf") }
        #expect(pdfs.count == 1 + LimitData.projectCount + 2 + TextRule.maximumPartners, "\(pdfs.sorted())")
    }
}

/// A convention at the limits of validation (`TextRule`): the widest ordinary letters at every maximum
/// length, as many partners as allowed, and every drawable character in titles and list items.
enum LimitData {
    /// Wide letters: Arabic sheen and Latin W are about one em each.
    static func wide(_ count: Int) -> String { String((0..<count).map { $0 % 7 == 6 ? "W" : "ش" }) }

    /// Every character `TextRule` allows, in pieces that fit a table cell.
    static var drawablePieces: [String] {
        let scalars = TextRule.drawable.flatMap { $0 }.compactMap(Unicode.Scalar.init)
        let text = String(String.UnicodeScalarView(scalars))
        var pieces: [String] = [], piece = ""
        for character in text {
            if piece.count == TextRule.cell.maximumLength - 20 { pieces.append(piece); piece = "" }
            piece.append(character)
        }
        return pieces + [piece]
    }

    static var projectCount: Int { drawablePieces.count + 1 }

    /// A double-quoted YAML string.
    static func q(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func yaml() -> String {
        let partners = TextRule.maximumPartners
        let ids = (0..<partners).map { "p\($0)" + String(repeating: "x", count: TextRule.identifier.maximumLength - 3) }
        var text = """
            convention:
              reference: \(q(wide(TextRule.reference.maximumLength)))
              title: \(q(wide(TextRule.cell.maximumLength)))
              programme: \(q(wide(TextRule.header.maximumLength)))
              axis: \(q(wide(TextRule.cell.maximumLength)))
              period: {start: 2015-01-01, end: 2020-12-31}
              province: \(q(wide(TextRule.header.maximumLength)))
              region: \(q(wide(TextRule.cell.maximumLength)))
              total_amount: \(partners * 1000 * projectCount)
              note: \(q(Array(repeating: wide(49), count: TextRule.paragraph.maximumLength / 50).joined(separator: " ")))
            partners:

            """
        for id in ids {
            text += "  - {id: \(id), name: \(q(wide(TextRule.cell.maximumLength))), short_name: \(q(wide(TextRule.columnHeading.maximumLength))), "
                + "name_fr: \(q(wide(TextRule.cell.maximumLength))), kind: other, contacts: [{name: \(q(wide(TextRule.cell.maximumLength))), "
                + "email: \(id)@example.org}]}\n"
        }
        text += "projects:\n"
        let financing = ids.map { "{partner: \($0), amount: 1000}" }.joined(separator: ", ")
        let places = TextRule.places.maximumLength
        for (index, piece) in (drawablePieces + [wide(TextRule.cell.maximumLength)]).enumerated() {
            text += """
                  - code: \(q("P\(index)" + wide(TextRule.identifier.maximumLength - 2)))
                    title: \(q(piece))
                    title_fr: \(q(wide(TextRule.cell.maximumLength)))
                    locations: [{commune: \(q(wide(places / 3))), douars: [\(q(wide(places / 3 - 2))), \(q(wide(places / 3 - 2)))]}]
                    amount: \(partners * 1000)
                    implementing_body: \(q(wide(TextRule.cell.maximumLength)))
                    description: \(q(Array(repeating: wide(39), count: TextRule.paragraph.maximumLength / 40).joined(separator: " ")))
                    objectives: [\(q(wide(TextRule.item.maximumLength))), \(q(piece))]
                    financing: [\(financing)]
                    schedule: {start: 2016-01-01, end: 2018-12-31}
                    status: in_progress
                    progress: {physical: 50, committed: \(partners * 100), disbursed: \(partners * 50)}
                    milestones: [{date: 2017-01-01, label: \(q(wide(TextRule.cell.maximumLength))), done: true}, {date: 2017-06-01, label: \(q(piece))}]

                """
        }
        text += """
            meetings:
              - date: 2016-12-08
                place: \(q(wide(TextRule.cell.maximumLength)))
                chair: \(q(wide(TextRule.cell.maximumLength)))
                attendees: [\(q(wide(TextRule.item.maximumLength)))]
                agenda: [\(q(wide(TextRule.item.maximumLength)))]
                decisions: [\(q(wide(TextRule.item.maximumLength)))]
              - {date: 2016-12-08, place: مقر العمالة}

            """
        return text
    }
}
