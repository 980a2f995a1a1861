import Foundation

/// How `dossier serve` runs: where it listens and the limits that keep it answering under load.
public struct ServiceConfiguration: Sendable {
    /// Address to bind (default loopback only: put a proxy or load balancer in front to expose it).
    public var host = "127.0.0.1"
    /// Port; 0 takes a free one (the address is printed on the first line of standard output).
    public var port = 8080
    /// Renders at the same time, one child process each.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Requests that may wait for a render slot; past them, 429.
    public var queue = 16
    /// Longest a render request may wait and run, in seconds; past it, 503 and the render child is killed. Also the
    /// longest any request's body may take to arrive whole; past it, 408.
    public var timeout = 120.0
    /// Largest request body, in bytes; past it, 413.
    public var maxBody = 8 * 1024 * 1024
    /// Seconds a connection may send nothing, between requests or in the middle of one (its head or its body),
    /// before it is closed: a client that stalls cannot hold a connection and its half-read upload for ever.
    /// A request whose answer is being worked out (a render) is not idle.
    public var idleTimeout = 30.0
    /// Renders after which a child is replaced by a fresh one.
    public var recycleAfter = 100
    /// The access token every request but the probes must carry (`--token-env`); nil: none.
    public var token: String?
    /// Seconds an upload of the web page is kept after its last use (its previews and downloads with it).
    public var jobTimeToLive = 1800.0
    /// The `dossier` executable the render children are started from (this same program).
    public var executable: URL
    /// The project folder (`Fonts/`, `Layouts/`).
    public var root: URL

    /// The defaults, with the executable and the project folder given.
    public init(executable: URL, root: URL) {
        self.executable = executable
        self.root = root
    }
}
