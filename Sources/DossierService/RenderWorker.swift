import DossierKit
import Foundation

/// The render child (`dossier worker`): loads the fonts once, then renders one request per line of its
/// standard input with DossierKit, exactly as `dossier render` does, and answers one line per request.
///
/// It renders into the folder the server names and writes the result file there; the server streams it.
/// The server recycles the child after a number of renders and kills it on time-out, so nothing one
/// render leaves behind (memory, a hang, a crash) reaches the next.
public enum RenderWorker {
    /// Test-only fault injection: `DOSSIER_TEST_WORKER_FAULT=crash:P03,hang:P04` makes the child abort when
    /// asked for project P03 and hang when asked for P04. Set only by the service tests, on the server process.
    static let faultVariable = "DOSSIER_TEST_WORKER_FAULT"

    /// Serves requests until standard input closes; never returns.
    public static func run(root: URL) -> Never {
        // Replies go to a private copy of standard output; standard output itself then points to standard
        // error, so that a stray print anywhere in the pipeline can never corrupt the protocol.
        // The server decides when a child ends (closing its input, or SIGKILL on time-out): Ctrl-C in a terminal
        // or a SIGTERM sent to the whole process group must not cut the renders the server is finishing.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let replyDescriptor = dup(STDOUT_FILENO)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        let replies = FileHandle(fileDescriptor: replyDescriptor, closeOnDealloc: false)
        let typesetter: Typesetter
        do {
            typesetter = try Typesetter(fontsManifest: root.appendingPathComponent("Fonts/fonts.txt"))
            let problems = ServiceResources.layoutProblems(folder: root.appendingPathComponent("Layouts"))
            guard problems.isEmpty else { throw WorkerFailure(problems.joined(separator: "\n")) }
        } catch {
            send(.init(status: "error", message: "cannot start rendering: \(error)"), to: replies)
            exit(1)
        }
        send(.init(status: "ready"), to: replies)
        let faults = Self.faults()
        while let line = readLine(strippingNewline: true) {
            guard let request = try? JSONDecoder().decode(WorkerMessage.Request.self, from: Data(line.utf8)) else {
                send(.init(status: "error", message: "the render child could not read its request"), to: replies)
                continue
            }
            for code in request.only {
                if faults["crash"] == code { abort() }
                if faults["hang"] == code { while true { sleep(60) } }
            }
            send(render(request, typesetter: typesetter, root: root), to: replies)
        }
        exit(0)
    }

    private static func faults() -> [String: String] {
        guard let text = ProcessInfo.processInfo.environment[faultVariable] else { return [:] }
        var faults: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { faults[String(parts[0])] = String(parts[1]) }
        }
        return faults
    }

    private static func send(_ reply: WorkerMessage.Reply, to handle: FileHandle) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = (try? encoder.encode(reply)) ?? Data(#"{"status":"error"}"#.utf8)
        data.append(0x0A)
        handle.write(data)
    }

    /// Renders one request: the same checks, jobs and files as `dossier render --only … --date …`.
    static func render(_ request: WorkerMessage.Request, typesetter: Typesetter, root: URL) -> WorkerMessage.Reply {
        if request.kind != nil { return renderForPage(request, typesetter: typesetter, root: root) }
        guard let day = Day(parsing: request.date) else { return .init(status: "invalid", message: "date=\(request.date): \(Day.expected)") }
        let batch: DossierBatch
        let jobs: [DossierBatch.Job]
        do {
            batch = try DossierBatch(fontsManifest: typesetter.fontsManifest, data: URL(fileURLWithPath: request.data), dataDisplay: request.display,
                                     layoutsFolder: root.appendingPathComponent("Layouts"), layoutsDisplay: "Layouts")
            jobs = try batch.jobs(request.only.map(DossierSelection.init))
        } catch let failure as CheckFailure {
            if !failure.layoutProblems.isEmpty {
                return .init(status: "error", message: "the server's layouts have problems")
            }
            let other = failure.other.map { $0.replacingOccurrences(of: "--only ", with: "only=") }
            return .init(status: "invalid", message: other.isEmpty ? "the data has errors" : other.joined(separator: "\n"),
                         problems: failure.dataProblems.filter { $0.severity == .error })
        } catch {
            return .init(status: "error", message: "\(error)")
        }
        let format = request.format ?? (jobs.count == 1 ? "pdf" : "zip")
        if format == "pdf", jobs.count != 1 {
            return .init(status: "invalid", message: "format=pdf gives one dossier, and this selection has \(jobs.count); ask for format=zip or one dossier (only=convention or a project code)")
        }
        let options = RenderOptions(date: day, draft: request.draft)
        let out = URL(fileURLWithPath: request.out), result = URL(fileURLWithPath: request.result)
        var pages = 0
        do {
            // One job after the other with the worker's own typesetter: its fonts stay loaded between requests.
            for job in jobs {
                pages += try batch.render(job, options: options, folder: out, typesetter: typesetter).reduce(0) { $0 + $1.pages }
            }
            if format == "pdf" {
                try FileManager.default.moveItem(at: out.appendingPathComponent(jobs[0].stem + ".pdf"), to: result)
            } else {
                try StoredZip.write(jobs.map { $0.stem + ".pdf" }, from: out, to: result)
            }
        } catch {
            return .init(status: "error", message: "rendering failed: \(error)")
        }
        return .init(status: "ok", format: format, pages: pages, dossiers: jobs.count)
    }
}

struct WorkerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
