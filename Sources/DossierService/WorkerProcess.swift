import Foundation

/// One render child: the same executable started as `dossier worker`, asked one JSON line at a time.
///
/// Reading its reply blocks a thread of its own (a child renders one request at a time, so there are at
/// most `--workers` such threads); a time-out kills the child, which ends the read.
final class WorkerProcess: @unchecked Sendable {
    // Mutable state is touched only by the pool's slot that owns this child, one request at a time.
    private let process: Process
    private let input: FileHandle
    private let output: FileHandle
    private var pending = Data()
    /// Renders answered so far (the pool recycles the child after `--recycle` of them).
    private(set) var renders = 0

    /// What went wrong with a request.
    enum Failure: Error {
        /// No reply within the time allowed; the child was killed.
        case timedOut
        /// The child died (or closed its output) before replying.
        case crashed(String)
    }

    var processIdentifier: Int32 { process.processIdentifier }

    /// Whether the child is still there (it may have died between two requests).
    var isRunning: Bool { process.isRunning }

    /// Starts a child and waits for its `ready` line.
    init(executable: URL, startTimeout: Duration) async throws {
        process = Process()
        process.executableURL = executable
        process.arguments = ["worker"]
        let stdin = Pipe(), stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.standardError
        input = stdin.fileHandleForWriting
        output = stdout.fileHandleForReading
        try process.run()
        let ready = try await reply(timeout: startTimeout)
        guard ready.status == "ready" else {
            kill()
            throw Failure.crashed(ready.message ?? "the render child did not start")
        }
    }

    /// Sends a request and waits for its reply, at most `timeout`.
    func render(_ request: WorkerMessage.Request, timeout: Duration) async throws -> WorkerMessage.Reply {
        var line = try JSONEncoder().encode(request)
        line.append(0x0A)
        do {
            try input.write(contentsOf: line)
        } catch {
            throw Failure.crashed("the render child is gone")
        }
        let answer = try await reply(timeout: timeout)
        renders += 1
        return answer
    }

    /// Stops the child at once (time-out, crash, shutdown).
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        try? input.close()
    }

    /// Asks the child to finish (its input closes; it exits after the request in hand) and waits for it.
    func finish() async {
        try? input.close()
        let process = self.process
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                process.waitUntilExit()
                done.resume()
            }
        }
    }

    private func reply(timeout: Duration) async throws -> WorkerMessage.Reply {
        let deadline = Task { [process] in
            try await Task.sleep(for: timeout)
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
            return true
        }
        let line = await readLine()
        deadline.cancel()
        let timedOut = (try? await deadline.value) ?? false
        guard let line else {
            if timedOut { throw Failure.timedOut }
            throw Failure.crashed("the render child stopped before replying")
        }
        guard let reply = try? JSONDecoder().decode(WorkerMessage.Reply.self, from: line) else {
            kill()
            throw Failure.crashed("the render child sent an unreadable reply")
        }
        return reply
    }

    /// The next line of the child's output, or nil at its end.
    private func readLine() async -> Data? {
        await withCheckedContinuation { (done: CheckedContinuation<Data?, Never>) in
            Thread.detachNewThread { [self] in
                done.resume(returning: blockingLine())
            }
        }
    }

    private func blockingLine() -> Data? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                return Data(line)
            }
            let chunk = output.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }
}
