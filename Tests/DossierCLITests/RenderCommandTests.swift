import DossierTestSupport
import Foundation
import Testing

/// `dossier render` on the sample, read back with poppler and qpdf.
@Suite(.serialized) struct RenderCommandTests {
    static func scratch() throws -> URL { try TestTools.scratch("render") }

    static func tool(_ name: String, _ arguments: [String]) throws -> String { try TestTools.run(name, arguments).output }

    /// Text without whitespace and bidi controls (pdftotext adds spaces inside some Amiri words).
    static func loose(_ text: String) -> String { TestTools.loose(text) }

    static func pages(_ pdf: URL) throws -> Int {
        let info = try tool("pdfinfo", [pdf.path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") } ?? ""
        return Int(line.split(separator: " ").last ?? "") ?? -1
    }

    @Test func rendersEveryDossierOfTheSample() throws {
        let out = try Self.scratch()
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("[10/10] wrote"))
        let convention = out.appendingPathComponent("convention.pdf")
        let projects = (1...8).map { out.appendingPathComponent("projects/P0\($0).pdf") }
        let meeting = out.appendingPathComponent("meetings/2016-12-08.pdf")
        for file in [convention, meeting] + projects {
            #expect(FileManager.default.fileExists(atPath: file.path), "\(file.lastPathComponent) missing")
            let check = try Self.tool("qpdf", ["--check", file.path])
            #expect(check.contains("No syntax or stream encoding errors") && !check.contains("WARNING"), "\(file.lastPathComponent): \(check)")
        }
        // Page counts are part of the contract of the layouts: a change here is a visible change of the dossiers.
        #expect(try Self.pages(convention) == 25)
        #expect(try projects.map(Self.pages) == [3, 2, 2, 2, 2, 2, 2, 2])
        #expect(try Self.pages(meeting) == 3)

        let text = Self.loose(try Self.tool("pdftotext", [convention.path, "-"]))
        for expected in ["اتفاقية إطار للشراكة لتنزيل مخطط تنمية قطاع الصناعة التقليدية بإقليم تاونات", "الفهرس", "ملخص الاتفاقية",
                         "28.250.000,00", "ثمانية وعشرون مليونا ومائتان وخمسون ألف درهم", "مصفوفة التمويل", "إحداث مركب للنسيج التقليدي",
                         "دوار كدارة، جماعة بني سنوس", "الملحق: الموقعون", "الصفحة 3 من 25", "كلفة المشاريع"] {
            #expect(text.contains(Self.loose(expected)), "convention.pdf lacks «\(expected)»")
        }
        let projectText = Self.loose(try Self.tool("pdftotext", [projects[6].path, "-"]))
        for expected in ["بطاقة المشروع", "إحداث مركز للتكوين بالتدرج المهني في حرف الصناعة التقليدية", "7.000.000,00 درهم",
                         "مدينة تاونات", "الصفحة 1 من 2"] {
            #expect(projectText.contains(Self.loose(expected)), "P07.pdf lacks «\(expected)»")
        }
        let meetingText = Self.loose(try Self.tool("pdftotext", [meeting.path, "-"]))
        for expected in ["اجتماع تتبع تنزيل الاتفاقية", "8 دجنبر 2016", "مقر عمالة إقليم تاونات", "عامل إقليم تاونات", "القرارات والتوصيات"] {
            #expect(meetingText.contains(Self.loose(expected)), "meeting lacks «\(expected)»")
        }
    }

    @Test func conventionHasBookmarksAndWorkingLinks() throws {
        let out = try Self.scratch()
        _ = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08", "--only", "convention"])
        let qdf = try Self.tool("qpdf", ["--qdf", "--object-streams=disable", out.appendingPathComponent("convention.pdf").path, "-"])
        let qdfText = String(qdf)
        #expect(qdfText.contains("/Outlines"))
        #expect(qdfText.contains("/Subtype /Link"))
        for anchor in ["(summary)", "(project-P01)", "(project-P08)", "(signatories)", "(matrix)"] {
            #expect(qdfText.contains(anchor), "no destination \(anchor)")
        }
        // Every link's named destination exists in the name tree.
        let dests = Set(qdfText.components(separatedBy: "/Dest (").dropFirst().map { String($0.prefix { $0 != ")" }) })
        #expect(!dests.isEmpty)
        for dest in dests { #expect(qdfText.contains("(\(dest))\n") || qdfText.contains("(\(dest)) "), "undefined destination \(dest)") }
    }

    @Test func sameInputsGiveByteIdenticalFiles() throws {
        let a = try Self.scratch(), b = try Self.scratch()
        _ = try CLI.run(["render", "--out", a.path, "--date", "2016-12-08"])
        _ = try CLI.run(["render", "--out", b.path, "--date", "2016-12-08"])
        for name in ["convention.pdf", "projects/P03.pdf", "meetings/2016-12-08.pdf"] {
            #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
        }
    }

    @Test func onlySelectsAndPNGWritesPages() throws {
        let out = try Self.scratch()
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08", "--only", "P02", "--format", "png"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("projects").path).sorted()
        #expect(files == ["P02-1.png", "P02-2.png"])
        let bad = try CLI.run(["render", "--out", out.path, "--only", "P99"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--only P99: no such project"))
    }

    @Test func badDataOrLayoutRendersNothing() throws {
        let work = try Self.scratch()
        let sample = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        try sample.replacingOccurrences(of: "amount: 5.3 M", with: "amount: 5.4 M").write(to: work.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        let result = try CLI.run(["render", "bad.yaml", "--out", out.path], in: work)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was rendered"))
        #expect(result.stderr.contains("bad.yaml:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        // A layout error: every problem is listed with its place, nothing is written.
        let layouts = work.appendingPathComponent("layouts")
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Layouts"), to: layouts)
        let meeting = layouts.appendingPathComponent("meeting.xml")
        try String(contentsOf: meeting, encoding: .utf8).replacingOccurrences(of: "{meeting.place}", with: "{meeting.plce}")
            .write(to: meeting, atomically: true, encoding: .utf8)
        let broken = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("meeting.xml:"))
        #expect(broken.stderr.contains("unknown field «meeting.plce» (did you mean «place»?)"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aFailureDuringRenderingLeavesNoPartialFile() throws {
        let work = try Self.scratch()
        let layouts = work.appendingPathComponent("layouts")
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Layouts"), to: layouts)
        // The image is checked when the data is bound, after the checks passed: the render fails mid-way.
        let project = layouts.appendingPathComponent("project.xml")
        try String(contentsOf: project, encoding: .utf8).replacingOccurrences(of: "<h1>بطاقة المشروع</h1>", with: "<h1>بطاقة المشروع</h1><image src=\"missing-logo.png\"/>")
            .write(to: project, atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("out")
        let result = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path, "--only", "projects"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing-logo.png"))
        let written = FileManager.default.enumerator(atPath: out.path)?.allObjects as? [String] ?? []
        #expect(!written.contains { $0.hasSuffix(".pdf") || $0.contains("partial") }, "\(written)")
    }
}

/// Parallel batches write exactly what serial ones do.
@Suite struct ParallelRenderTests {
    @Test func parallelAndSerialBatchesAreByteIdentical() throws {
        let serial = try RenderCommandTests.scratch(), parallel = try RenderCommandTests.scratch()
        let a = try CLI.run(["render", "--out", serial.path, "--date", "2016-12-08", "--jobs", "1"])
        let b = try CLI.run(["render", "--out", parallel.path, "--date", "2016-12-08", "--jobs", "4"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        let files = (FileManager.default.enumerator(atPath: serial.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(files.count == 10)
        for file in files {
            #expect(try Data(contentsOf: serial.appendingPathComponent(file)) == Data(contentsOf: parallel.appendingPathComponent(file)),
                    "\(file) differs between --jobs 1 and --jobs 4")
        }
    }
}
