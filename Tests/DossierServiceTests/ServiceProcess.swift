import DossierTestSupport
import Foundation

/// The built `dossier` executable, as a client system would run it.
enum Dossier {
    static let repoRoot = TestTools.repoRoot

    static var executable: URL {
        // The test bundle sits next to the built products.
        let candidate = Bundle.main.bundleURL.appendingPathComponent("dossier")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : repoRoot.appendingPathComponent(".build/debug/dossier")
    }

    /// Runs `dossier` with `arguments` in `folder`; `environment` adds to this process's.
    static func run(_ arguments: [String], in folder: URL = repoRoot, environment: [String: String] = [:]) throws
        -> (status: Int32, stdout: String, stderr: String) {
        let outcome = try TestTools.execute(executable, arguments, in: folder, environment: environment)
        return (outcome.status, outcome.output, outcome.errors)
    }
}

/// `dossier serve` started as a child process on a free loopback port (`--port 0`; the port is read from its
/// first line of output), stopped with SIGTERM by `stop()`.
final class ServiceProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL
    var base: String { "http://127.0.0.1:\(port)" }

    init(_ arguments: [String] = [], environment: [String: String] = [:]) throws {
        process.executableURL = Dossier.executable
        process.arguments = ["serve", "--port", "0"] + arguments
        process.currentDirectoryURL = Dossier.repoRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        log = try TestTools.scratch("serve-log").appendingPathComponent("stderr.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.standardOutput = out
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard text.hasPrefix("listening on http://127.0.0.1:"), let port = Int(text.split(separator: ":").last ?? "") else {
            process.terminate()
            throw ServiceFailure("the service did not start: «\(text)»\n\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        }
        self.port = port
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

struct ServiceFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// An HTTP answer as curl received it.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    var json: Any? { try? JSONSerialization.jsonObject(with: body) }
}

/// Real HTTP requests with curl (a client from outside, like the systems that will call the service).
enum HTTP {
    /// `method` on `url`; `body` a file sent as is, or `form` fields for multipart (`name=@file;type=…`).
    static func send(_ method: String = "GET", _ url: String, file: URL? = nil, contentType: String? = nil,
                     form: [String] = [], extra: [String] = []) throws -> HTTPAnswer {
        let folder = try TestTools.scratch("http")
        let bodyFile = folder.appendingPathComponent("body"), headerFile = folder.appendingPathComponent("headers")
        var arguments = ["-s", "-S", "-X", method, "-o", bodyFile.path, "-D", headerFile.path, "-w", "%{http_code}", "--max-time", "120"]
        if let contentType { arguments += ["-H", "Content-Type: \(contentType)"] }
        if let file { arguments += ["--data-binary", "@\(file.path)"] }
        for field in form { arguments += ["-F", field] }
        arguments += extra + [url]
        let result = try TestTools.run("curl", arguments)
        let status = Int(result.output.suffix(3)) ?? 0
        var headers: [String: String] = [:]
        for line in ((try? String(contentsOf: headerFile, encoding: .utf8)) ?? "").split(whereSeparator: \.isNewline) {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        let body = (try? Data(contentsOf: bodyFile)) ?? Data()
        try? FileManager.default.removeItem(at: folder)
        return HTTPAnswer(status: status, headers: headers, body: body)
    }

    /// The same request `count` times at once; the answers in no particular order.
    static func burst(_ count: Int, _ request: @escaping @Sendable () throws -> HTTPAnswer) -> [HTTPAnswer] {
        // One thread each (not concurrentPerform, which runs only as many at once as there are cores).
        let answers = Answers()
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                answers.add((try? request()) ?? HTTPAnswer(status: 0, headers: [:], body: Data()))
                group.leave()
            }
        }
        group.wait()
        return answers.all
    }
}

final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [HTTPAnswer] = []
    func add(_ answer: HTTPAnswer) { lock.lock(); answers.append(answer); lock.unlock() }
    var all: [HTTPAnswer] { lock.lock(); defer { lock.unlock() }; return answers }
    var count: Int { all.count }
}
