import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// `dossier serve`: the HTTP rendering service.
///
/// Renders run in child processes (`WorkerPool`); validation runs in the server (it only parses). SIGTERM
/// or SIGINT: the server stops accepting connections, answers what is in flight, lets its children
/// finish, and returns (the command exits 0).
public enum RenderService {
    /// Starts the children, listens, and serves until SIGTERM or SIGINT. Prints `listening on http://HOST:PORT`
    /// on standard output once requests are taken (with `port` 0, the port the system chose).
    public static func run(_ configuration: ServiceConfiguration) async throws {
        // A client that goes away must not kill the server with SIGPIPE, nor a child that died before its request was written.
        signal(SIGPIPE, SIG_IGN)
        LoggingSystem.bootstrap { OneLineLogHandler(label: $0) }
        let logger = Logger(label: "dossier.serve")
        let metrics = ServiceMetrics.bootstrap()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        removeFoldersOfDeadServers()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: scratch) }

        let pool = WorkerPool(settings: .init(executable: configuration.executable, workers: configuration.workers,
                                              queue: configuration.queue, recycleAfter: configuration.recycleAfter),
                              metrics: metrics, logger: logger)
        // Fonts and layouts are checked by the children as they start: a server that could not render never listens.
        try await pool.start()

        let routes = Routes(configuration: configuration, pool: pool, metrics: metrics, scratch: scratch, logger: logger)
        // The web page's templates, script and fonts are read now: a server without its page never listens.
        let assets = try await WebAssets.load(root: configuration.root)
        let jobs = WebJobs(timeToLive: .milliseconds(Int64(configuration.jobTimeToLive * 1000)))
        let renderer = WebRenderer(pool: pool, jobs: jobs, metrics: metrics, logger: logger, timeout: configuration.timeout,
                                   width: configuration.workers)
        let router = Router()
        router.add(middleware: RequestLog(metrics: metrics, logger: logger))
        router.add(middleware: ResponseHardening())
        if let token = configuration.token { router.add(middleware: AccessToken(token: token, assets: assets)) }
        routes.add(to: router)
        WebRoutes(routes: routes, jobs: jobs, renderer: renderer, assets: assets).add(to: router)
        // Uploads nobody came back for are removed even when no request comes.
        let sweeper = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(min(60, max(1, configuration.jobTimeToLive / 4))))
                await jobs.removeExpired()
            }
        }
        defer { sweeper.cancel() }
        // Hummingbird's idle timer: reset by every part of a request read, never run while an answer is worked out.
        // Both time-outs are at most a day (`Serve.validate`), so their nanoseconds fit.
        func nanoseconds(_ seconds: Double) -> Int64 { Int64(seconds * 1_000_000_000) }
        let idle = nanoseconds(configuration.idleTimeout), patience = nanoseconds(configuration.timeout)
        let app = Application(
            router: router,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [FlushBeforeClose(patience: .nanoseconds(patience))],
                idleTimeout: .nanoseconds(idle))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "dossier"),
            services: [PoolShutdown(pool: pool)],
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                FileHandle.standardOutput.write(Data("listening on http://\(configuration.host):\(port)\n".utf8))
                logger.info("listening", metadata: ["host": "\(configuration.host)", "port": "\(port)",
                                                    "workers": "\(configuration.workers)", "queue": "\(configuration.queue)"])
            },
            logger: logger)
        try await app.runService()
        logger.info("stopped")
    }
}

/// Lets the render children finish once the HTTP server has answered its last request (services stop in
/// the reverse order of their start, so this one stops after the server).
struct PoolShutdown: Service {
    let pool: WorkerPool

    func run() async throws {
        try? await gracefulShutdown()
        await pool.stop()
    }
}

extension RenderService {
    /// The scratch folders of servers that died without SIGTERM (killed, out of memory) still hold their users'
    /// uploads: removed when a server starts. A folder whose process still runs is another server's, left alone.
    static func removeFoldersOfDeadServers() {
        let temporary = FileManager.default.temporaryDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: temporary.path)) ?? []
        for name in names where name.hasPrefix("dossier-serve-") {
            guard let pid = Int32(name.dropFirst("dossier-serve-".count)), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { try? FileManager.default.removeItem(at: temporary.appendingPathComponent(name)) }
        }
    }
}
