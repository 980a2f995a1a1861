import DossierFiles
import DossierTestSupport
import Foundation
import Testing

/// How outputs reach the disk: concurrent renders, failing batches, failures while a file is open, and
/// targets that are not regular files.
@Suite struct OutputSafetyTests {
    /// Every file under `folder` (relative paths), folders left out.
    static func files(_ folder: URL) -> [String] {
        let all = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        return all.filter { !OutputSafetyTests.isDirectory(folder.appendingPathComponent($0)) }.sorted()
    }

    static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    static func scratchFiles(_ folder: URL) -> [String] {
        files(folder).filter { OutputFile.isScratchName(($0 as NSString).lastPathComponent) }
    }

    /// Starts `dossier` without waiting for it.
    static func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.repoRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func twoRendersIntoOneFolderBothSucceedWithTheSerialBytes() throws {
        let serial = try TestTools.scratch("serial"), shared = try TestTools.scratch("shared")
        let render = ["render", "--date", "2016-12-08", "--jobs", "1", "--out"]
        #expect(try CLI.run(render + [serial.path]).status == 0)
        for _ in 0..<2 {
            let first = try Self.start(render + [shared.path]), second = try Self.start(render + [shared.path])
            first.waitUntilExit(); second.waitUntilExit()
            #expect(first.terminationStatus == 0 && second.terminationStatus == 0,
                    "exit \(first.terminationStatus) and \(second.terminationStatus)")
        }
        let expected = Self.files(serial)
        #expect(expected.count == 10)
        #expect(Self.files(shared) == expected, "\(Self.files(shared))")
        for file in expected {
            #expect(try Data(contentsOf: shared.appendingPathComponent(file)) == Data(contentsOf: serial.appendingPathComponent(file)),
                    "\(file) differs from the serial render")
        }
    }

    @Test func manyWritersOfOneFileAllSucceedAndLeaveOneWholeFile() throws {
        // The two-process test above hits the final step at the same time only now and then; this one
        // makes the writers meet on it hundreds of times.
        let folder = try TestTools.scratch("writers")
        let target = folder.appendingPathComponent("dossier.pdf")
        let payloads = (0..<4).map { Data(repeating: UInt8(0x41 + $0), count: 64 << 10) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: payloads.count) { writer in
            for _ in 0..<150 {
                do { try OutputFile.write(payloads[writer], to: target) } catch { failures.add("\(error)") }
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all.count) writes failed, e.g. \(failures.all.first ?? "")")
        #expect(payloads.contains(try Data(contentsOf: target)), "the file is a mix of writers")
        #expect(Self.files(folder) == ["dossier.pdf"])
    }

    /// Layouts whose project dossier shows `<code>.png`, which exists for P01 only: the batch fails on its
    /// second dossier, after the first was written.
    static func layoutsFailingOnTheSecondProject() throws -> URL {
        let layouts = try TestTools.scratch("layouts").appendingPathComponent("layouts")
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Layouts"), to: layouts)
        let project = layouts.appendingPathComponent("project.xml")
        try String(contentsOf: project, encoding: .utf8)
            .replacingOccurrences(of: "<h1>بطاقة المشروع</h1>", with: "<h1>بطاقة المشروع</h1><image src=\"{project.code}.png\"/>")
            .write(to: project, atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("Tests/DossierTypesetTests/Goldens/chart-bars-rtl.png"),
                                         to: layouts.appendingPathComponent("P01.png"))
        return layouts
    }

    @Test func aBatchFailingAfterItsFirstDossierLeavesNoNewFile() throws {
        let layouts = try Self.layoutsFailingOnTheSecondProject()
        let out = try TestTools.scratch("out")
        // A file from an earlier run stays as it was.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("projects"), withIntermediateDirectories: true)
        try Data("earlier".utf8).write(to: out.appendingPathComponent("projects/P05.pdf"))
        let result = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path, "--only", "projects", "--jobs", "1",
                                  "--date", "2016-12-08"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("[1/8] wrote"), "\(result.stdout)")
        #expect(result.stderr.contains("P02.png") && result.stderr.contains("no file of this batch was kept"), "\(result.stderr)")
        #expect(Self.files(out) == ["projects/P05.pdf"])
        #expect(try Data(contentsOf: out.appendingPathComponent("projects/P05.pdf")) == Data("earlier".utf8))
    }

    @Test func aFailingBatchRemovesTheFoldersItCreated() throws {
        let layouts = try Self.layoutsFailingOnTheSecondProject()
        let out = try TestTools.scratch("out").appendingPathComponent("new")
        let result = try CLI.run(["render", "--layouts", layouts.path, "--out", out.path, "--only", "projects", "--jobs", "2"])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path), "\(Self.files(out))")
    }

    /// A failure injected while Cairo has the file open, while the finished PDF is being written, just
    /// before the rename, or as the batch puts its files in place.
    @Test(arguments: ["cairo-page", "finishing", "before-rename", "commit"])
    func aFailureAfterTheOutputWasOpenedLeavesNothingPartial(_ point: String) throws {
        let out = try TestTools.scratch("out")
        try Data("earlier".utf8).write(to: out.appendingPathComponent("convention.pdf"))
        let result = try CLI.run(["render", "--out", out.path, "--only", "convention", "--date", "2016-12-08"],
                                 environment: ["DOSSIER_TEST_FAIL_AT": point])
        #expect(result.status == 1)
        #expect(result.stderr.contains("failure injected"), "\(result.stderr)")
        #expect(Self.files(out) == ["convention.pdf"], "\(Self.files(out))")
        #expect(try Data(contentsOf: out.appendingPathComponent("convention.pdf")) == Data("earlier".utf8))
    }

    @Test func aDraftFailingInCairoLeavesNothing() throws {
        let out = try TestTools.scratch("out")
        let result = try CLI.run(["render", "--draft", "--out", out.path, "--only", "convention"],
                                 environment: ["DOSSIER_TEST_FAIL_AT": "cairo-page"])
        #expect(result.status == 1)
        #expect(Self.files(out).isEmpty, "\(Self.files(out))")
    }

    @Test func staleScratchFilesOfKilledRunsAreRemovedAndNothingElse() throws {
        let out = try TestTools.scratch("out")
        let stale = out.appendingPathComponent(".convention.pdf.4242-1a2b3c.dossier-scratch")
        let fresh = out.appendingPathComponent(".convention.pdf.4243-1a2b3d.dossier-scratch")
        let legacy = out.appendingPathComponent(".convention.pdf.cairo")
        let unrelated = out.appendingPathComponent(".notes")
        for file in [stale, fresh, legacy, unrelated] { try Data("x".utf8).write(to: file) }
        let twoHoursAgo = Date().addingTimeInterval(-7200)
        for file in [stale, legacy, unrelated] {
            try FileManager.default.setAttributes([.modificationDate: twoHoursAgo], ofItemAtPath: file.path)
        }
        #expect(try CLI.run(["render", "--out", out.path, "--only", "convention", "--date", "2016-12-08"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: stale.path) && !FileManager.default.fileExists(atPath: legacy.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path), "a running render's scratch file was removed")
        #expect(FileManager.default.fileExists(atPath: unrelated.path))
    }
}

/// Outputs that are not regular files are refused, never replaced.
@Suite struct NonRegularTargetTests {
    static func kind(_ url: URL) -> FileAttributeType? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
    }

    @Test func generateRefusesADeviceAFIFOADirectoryAndALink() throws {
        let folder = try TestTools.scratch("targets")
        let fifo = folder.appendingPathComponent("fifo"), directory = folder.appendingPathComponent("dir")
        let link = folder.appendingPathComponent("link"), device = folder.appendingPathComponent("null")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "elsewhere.yaml")
        // A copy of /dev/null's node: if the rule broke, only this copy would be replaced. Creating device
        // nodes needs root (the tests and CI run as root); without it the case is left out.
        let cases: [(URL, String)] = [(fifo, "a FIFO (named pipe)"), (directory, "a directory"), (link, "a symbolic link")]
            + (mknod(device.path, S_IFCHR | 0o666, makedev(1, 3)) == 0 ? [(device, "a character device")] : [])
        for (target, kind) in cases {
            let before = Self.kind(target)
            let result = try CLI.run(["generate", "--projects", "2", "--out", target.path])
            #expect(result.status == 1, "\(target.lastPathComponent): \(result.stdout)")
            #expect(result.stderr.contains("\(target.path): it is \(kind); dossier only replaces regular files"), "\(result.stderr)")
            #expect(Self.kind(target) == before, "\(target.lastPathComponent) was replaced")
        }
        #expect(OutputSafetyTests.scratchFiles(folder).isEmpty)
    }

    @Test func renderRefusesADirectoryWhereADossierGoes() throws {
        let out = try TestTools.scratch("out")
        try FileManager.default.createDirectory(at: out.appendingPathComponent("convention.pdf"), withIntermediateDirectories: true)
        let result = try CLI.run(["render", "--out", out.path, "--date", "2016-12-08"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("convention.pdf: it is a directory"), "\(result.stderr)")
        #expect(OutputSafetyTests.files(out).isEmpty, "\(OutputSafetyTests.files(out))")
    }
}

/// `makedev(3)` is a macro in glibc: the same arithmetic for small numbers.
func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t { dev_t(major) << 8 | dev_t(minor) }

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.lock(); list.append(failure); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return list }
}
