import Foundation
import Logging

/// At most `workers` renders at a time, each in a child process of its own; up to `queue` more requests
/// wait their turn, in order; past that the pool refuses at once (429), and a request that waits longer
/// than its time allows gets 503. A child that crashed, timed out or rendered `recycleAfter` times is
/// replaced before its slot is given again.
actor WorkerPool {
    struct Settings: Sendable {
        var executable: URL
        var workers: Int
        var queue: Int
        var recycleAfter: Int
        var startTimeout: Duration = .seconds(60)
    }

    enum Refusal: Error {
        /// Every worker busy and the queue full.
        case queueFull
        /// The request's time ran out while it waited.
        case waitedTooLong
        /// The server is stopping.
        case stopping
    }

    private let settings: Settings
    private let metrics: ServiceMetrics
    private let logger: Logger
    /// Started children not rendering now.
    private var idle: [WorkerProcess] = []
    /// Slots handed out (rendering, or replacing their child).
    private var busy = 0
    /// Requests waiting for a slot, oldest first; resumed with a child, or nil when the slot's child must be started.
    private var waiters: [(id: UUID, continuation: CheckedContinuation<WorkerProcess?, any Error>)] = []
    private var stopping = false
    /// Requests rendering now (the in-flight gauge).
    private var running = 0

    init(settings: Settings, metrics: ServiceMetrics, logger: Logger) {
        self.settings = settings
        self.metrics = metrics
        self.logger = logger
    }

    /// Starts every child; throws when one cannot start (fonts or layouts missing), so that the server
    /// never listens without being able to render.
    func start() async throws {
        for _ in 0..<settings.workers {
            idle.append(try await WorkerProcess(executable: settings.executable, startTimeout: settings.startTimeout))
        }
    }

    /// Whether a request would be taken now: a slot free or a queue place left.
    var hasRoom: Bool { !stopping && (busy < settings.workers || waiters.count < settings.queue) }

    /// Runs one request in a child: waits for a slot (at most until `deadline`), sends the request, and
    /// gives the slot back afterwards whatever happened.
    func render(_ request: WorkerMessage.Request, deadline: ContinuousClock.Instant) async throws -> WorkerMessage.Reply {
        let worker = try await acquire(deadline: deadline)
        running += 1
        metrics.inFlight.record(running)
        defer {
            running -= 1
            metrics.inFlight.record(running)
        }
        var child = worker
        do {
            if child == nil || !(child!.isRunning) {
                child?.kill()
                child = try await WorkerProcess(executable: settings.executable, startTimeout: settings.startTimeout)
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { throw WorkerProcess.Failure.timedOut }
            let reply = try await child!.render(request, timeout: remaining)
            if child!.renders >= settings.recycleAfter {
                logger.info("recycling render child", metadata: ["pid": "\(child!.processIdentifier)", "renders": "\(child!.renders)"])
                let retired = child!
                Task { await retired.finish() }
                replace()
            } else {
                release(child)
            }
            return reply
        } catch {
            child?.kill()
            metrics.workerRestarts.increment()
            replace()
            throw error
        }
    }

    private func acquire(deadline: ContinuousClock.Instant) async throws -> WorkerProcess? {
        if stopping { throw Refusal.stopping }
        if busy < settings.workers {
            busy += 1
            return idle.popLast()
        }
        guard waiters.count < settings.queue else { throw Refusal.queueFull }
        let id = UUID()
        let timer = Task { [weak self] in
            try await Task.sleep(until: deadline, clock: .continuous)
            await self?.giveUp(id)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<WorkerProcess?, any Error>) in
            waiters.append((id, continuation))
            metrics.queueDepth.record(waiters.count)
        }
    }

    private func giveUp(_ id: UUID) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        metrics.queueDepth.record(waiters.count)
        waiter.continuation.resume(throwing: Refusal.waitedTooLong)
    }

    /// Gives a slot back with its child (or nil: the next user starts one), to the oldest waiter first.
    private func release(_ child: WorkerProcess?) {
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst()
            metrics.queueDepth.record(waiters.count)
            waiter.continuation.resume(returning: child)
        } else {
            busy -= 1
            if let child { idle.append(child) }
        }
    }

    /// Gives a slot back once a fresh child has started in it, so that the next request finds it warm.
    private func replace() {
        let settings = self.settings
        Task {
            let fresh = try? await WorkerProcess(executable: settings.executable, startTimeout: settings.startTimeout)
            await self.releaseFresh(fresh)
        }
    }

    private func releaseFresh(_ child: WorkerProcess?) {
        if stopping { child?.kill() }
        release(stopping ? nil : child)
    }

    /// Stops taking requests, tells the waiting ones, and lets the idle children finish.
    func stop() async {
        stopping = true
        for waiter in waiters { waiter.continuation.resume(throwing: Refusal.stopping) }
        waiters.removeAll()
        let children = idle
        idle.removeAll()
        for child in children { await child.finish() }
    }
}
