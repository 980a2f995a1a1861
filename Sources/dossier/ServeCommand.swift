import ArgumentParser
import DossierKit
import DossierService
import Foundation
import Synchronization

/// `dossier serve`: the HTTP rendering service (see README "The rendering service" and docs/openapi.yaml).
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves validation and rendering over HTTP (each render in a child process).",
        discussion: """
            POST /v1/validate and POST /v1/render take the convention as YAML, JSON or multipart/form-data \
            (convention, projects, financing parts). GET / is the web page for people (upload, problems, summary, \
            preview, downloads). GET /health, /ready, /metrics. At most --workers renders run at \
            once, --queue more wait (then 429), a request past --timeout gets 503 and its render is stopped, a body \
            over --max-body gets 413, a connection silent for --idle-timeout is closed. SIGTERM or SIGINT: stop accepting, finish what is in flight, exit 0.
            """)

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port; the address is printed on standard output).")
    var port = 8080

    @Option(help: "Renders at the same time, one child process each (default: the cores).")
    var workers = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Requests that may wait for a render; past them, 429 with Retry-After.")
    var queue = 16

    @Option(help: "Seconds a render request may wait and run (past it, 503 and its render is stopped), and a body may take to arrive (past it, 408).")
    var timeout = 120.0

    @Option(name: .customLong("max-body"), help: "Largest request body in bytes; past it, 413.")
    var maxBody = 8 * 1024 * 1024

    @Option(name: .customLong("idle-timeout"),
            help: "Seconds a connection may send nothing (between requests, or in the middle of a request's head or body) before it is closed.")
    var idleTimeout = 30.0

    @Option(help: "Renders after which a child process is replaced by a fresh one.")
    var recycle = 100

    @Option(name: .customLong("token-env"),
            help: "Name of an environment variable holding an access token that every request but /health, /ready and /metrics must carry.")
    var tokenEnv: String?

    @Option(name: .customLong("keep"), help: "Seconds the web page keeps an upload (and its previews and downloads) after its last use.")
    var keep = 1800.0

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1 second") }
        if let tokenEnv, (ProcessInfo.processInfo.environment[tokenEnv] ?? "").isEmpty {
            throw ValidationError("--token-env \(tokenEnv): the environment variable \(tokenEnv) is not set or empty")
        }
        guard (0...65535).contains(port) else { throw ValidationError("--port is between 0 and 65535") }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1") }
        guard queue >= 0 else { throw ValidationError("--queue must be 0 or more") }
        // Both become nanoseconds (`Int64`): infinity or 1e10 seconds stopped the server at its start.
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be more than 0 and at most 86400 seconds") }
        guard idleTimeout > 0, idleTimeout <= 86_400 else { throw ValidationError("--idle-timeout must be more than 0 and at most 86400 seconds") }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
        guard recycle >= 1 else { throw ValidationError("--recycle must be at least 1") }
    }

    func run() throws {
        var configuration = ServiceConfiguration(executable: Self.executable(), root: try projectRoot())
        configuration.host = host
        configuration.port = port
        configuration.workers = workers
        configuration.queue = queue
        configuration.timeout = timeout
        configuration.maxBody = maxBody
        configuration.idleTimeout = idleTimeout
        configuration.recycleAfter = recycle
        configuration.token = tokenEnv.flatMap { ProcessInfo.processInfo.environment[$0] }
        configuration.jobTimeToLive = keep
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await RenderService.run(configuration) } catch { outcome.set(error) }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { fail("the service stopped: \(error)", code: 1) }
    }

    /// This program, to start the render children from (the same build, whatever the current folder).
    static func executable() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }
}

/// The error a service ended with, handed from its task to the main thread.
private final class Outcome: Sendable {
    private let stored = Mutex<(any Error)?>(nil)
    func set(_ error: any Error) { stored.withLock { $0 = error } }
    var error: (any Error)? { stored.withLock { $0 } }
}

/// `dossier worker`: the render child `dossier serve` starts (not for direct use): one JSON request per
/// line on standard input, one reply per line on standard output.
struct Worker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "The render child process of dossier serve (internal).", shouldDisplay: false)

    func run() throws {
        RenderWorker.run(root: try projectRoot())
    }
}
