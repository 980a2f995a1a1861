import DossierTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A client that opens a connection and then stalls (in the head of a request, in its body, or between requests)
/// is disconnected after `--idle-timeout`, and the server goes on answering the others; a render that takes
/// longer than that is not cut. Seen from outside: a plain TCP socket on loopback.
@Suite(.serialized) struct IdleConnectionTests {
    /// What a stalled client sends, each stopping short of a whole request.
    static let stalls: [(String, String)] = [
        ("in the head", "POST /v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/ya"),
        ("in the body", "POST /v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
            + "Content-Length: 5000\r\n\r\nconvention:\n  title: "),
        ("between requests", "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"),
    ]

    @Test func aSilentClientIsDisconnectedAndTheOthersAreServed() throws {
        let service = try ServiceProcess(["--workers", "1", "--idle-timeout", "1"])
        defer { service.stop() }
        for (place, bytes) in Self.stalls {
            let socket = try LoopbackSocket(port: service.port)
            try socket.send(bytes)
            let closedAfter = socket.secondsUntilClosed(waitingAtMost: 8)
            #expect(closedAfter != nil && closedAfter! < 6,
                    "the rule that a connection silent for --idle-timeout (1 s) is closed: a client stalled \(place) was still connected after 8 s")
            #expect(try HTTP.send("GET", service.base + "/health").status == 200, "the server stopped answering after a client stalled \(place)")
        }
        // A render longer than the idle time-out (a 150-project convention dossier) is answered whole: the
        // connection is not idle while its answer is worked out.
        let data = try TestTools.scratch("idle").appendingPathComponent("convention.yaml")
        let generated = try Dossier.run(["generate", "--projects", "150", "--out", data.path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let start = Date()
        let render = try HTTP.send("POST", service.base + "/v1/render?only=convention&date=2016-12-08", file: data,
                                   contentType: "application/yaml")
        let took = Date().timeIntervalSince(start)
        #expect(render.status == 200 && render.body.starts(with: Data("%PDF".utf8)), "\(render.status) \(render.text.prefix(300))")
        #expect(took > 1.2, "the render took \(took) s, too short to tell whether a long render is cut at 1 s")
    }

    @Test func aBodyTrickledPastTheTimeoutGets408() throws {
        let service = try ServiceProcess(["--workers", "1", "--timeout", "2", "--idle-timeout", "5"])
        defer { service.stop() }
        let socket = try LoopbackSocket(port: service.port)
        try socket.send("POST /v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
            + "Content-Length: 5000\r\n\r\nconvention:\n")
        // A byte every 0.4 s: never silent long enough for the idle time-out, never done.
        let start = Date()
        var answer = ""
        while Date().timeIntervalSince(start) < 8, !answer.contains("\r\n\r\n{") {
            try? socket.send(" ")
            answer += socket.read(waitingAtMost: 0.4)
        }
        let took = Date().timeIntervalSince(start)
        #expect(answer.hasPrefix("HTTP/1.1 408"),
                "the rule that a body must arrive whole within --timeout (2 s): after \(took) s of a trickled body the answer was «\(answer.prefix(200))»")
        #expect(answer.contains("--timeout"), "\(answer)")
        #expect(took < 6, "the 408 came after \(took) s")
        #expect(try HTTP.send("GET", service.base + "/health").status == 200)
    }

    /// A body that ends before its Content-Length is the client's fault: 400, counted as a 400 in the metrics (it was a
    /// 500, which sets off alerts on server errors).
    @Test func aBodyThatEndsEarlyIsA400() throws {
        let service = try ServiceProcess(["--workers", "1"])
        defer { service.stop() }
        let socket = try LoopbackSocket(port: service.port)
        try socket.send("POST /v1/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/yaml\r\n"
            + "Content-Length: 5000\r\n\r\nconvention:\n")
        socket.closeWriting()
        _ = socket.secondsUntilClosed(waitingAtMost: 5)
        let deadline = Date().addingTimeInterval(5)
        var metrics = ""
        while Date() < deadline, !metrics.contains("route=\"/v1/validate\"") {
            metrics = try HTTP.send("GET", service.base + "/metrics").text
            Thread.sleep(forTimeInterval: 0.1)
        }
        let line = metrics.split(separator: "\n").first { $0.contains("dossier_http_requests_total") && $0.contains("/v1/validate") } ?? ""
        #expect(line.contains("status=\"400\""), "the rule that a body ending early is the client's fault (400): «\(line)»")
    }

    /// SIGTERM while a long answer is sent: the answer arrives whole. Hummingbird closed each connection as soon as
    /// the end of its answer was handed over, and NIO dropped what it had not written yet: a 13 MB dossier arrived
    /// cut after 8 to 12 MB (`FlushBeforeClose`).
    @Test func sigtermLetsALongAnswerArriveWhole() throws {
        let service = try ServiceProcess(["--workers", "1"])
        defer { service.stop() }
        let data = try TestTools.scratch("long-answer").appendingPathComponent("convention.yaml")
        #expect(try Dossier.run(["generate", "--projects", "400", "--out", data.path]).status == 0)
        let body = try Data(contentsOf: data)
        let socket = try LoopbackSocket(port: service.port)
        try socket.send("POST /v1/render?only=convention&date=2016-12-08 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/yaml\r\nConnection: close\r\nContent-Length: \(body.count)\r\n\r\n")
        try socket.send(body)
        // Stopped while the render runs: its answer is written after the server began to stop.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !((try? HTTP.send("GET", service.base + "/metrics").text.contains("dossier_renders_in_flight 1")) ?? false) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(service.process.processIdentifier, SIGTERM)
        // A client slower than the server (about 3 MB/s): the end of the answer is still in the server's buffers when
        // it is handed over.
        let answer = socket.readAll(waitingAtMost: 120, pausing: 0.005, chunk: 16 << 10)
        let head = answer.prefix { $0 != 0x0D } // the status line
        let separator = answer.firstRange(of: Data("\r\n\r\n".utf8))
        let headers = separator.map { String(decoding: answer[..<$0.lowerBound], as: UTF8.self) } ?? ""
        let declared = headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) }
        let received = separator.map { answer.count - $0.upperBound } ?? 0
        #expect(String(decoding: head, as: UTF8.self) == "HTTP/1.1 200 OK", "\(headers)")
        #expect(declared != nil && received == declared,
                "the rule that SIGTERM answers what is in flight: \(received) bytes received of the \(declared ?? -1) announced")
        #expect(service.stop() == 0)
    }

    /// Both time-outs become nanoseconds: infinity or 1e10 seconds stopped the server at its start.
    @Test(arguments: [("--idle-timeout", "0"), ("--idle-timeout", "inf"), ("--idle-timeout", "1e10"), ("--timeout", "inf"), ("--timeout", "86401")])
    func theTimeOutsMustBeASecondCount(option: String, value: String) throws {
        let result = try Dossier.run(["serve", "--port", "0", option, value])
        #expect(result.status == 2, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("\(option) must be more than 0 and at most 86400 seconds"), "\(result.stderr)")
    }
}

/// A TCP connection to 127.0.0.1:`port`, closed when released.
private final class LoopbackSocket {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ServiceFailure("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { Glibc.close(descriptor); throw ServiceFailure("connect to port \(port): errno \(errno)") }
    }

    deinit { Glibc.close(descriptor) }

    /// Tells the server nothing more will be sent (the body ends here).
    func closeWriting() { Glibc.shutdown(descriptor, Int32(SHUT_WR)) }

    func send(_ text: String) throws { try send(Data(text.utf8)) }

    func send(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard Glibc.send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else {
            throw ServiceFailure("send: errno \(errno)")
        }
    }

    /// Everything the server sends until it closes the connection (or `limit` seconds pass).
    func readAll(waitingAtMost limit: Double, pausing pause: Double = 0, chunk: Int = 1 << 16) -> Data {
        let start = Date()
        var received = Data()
        var buffer = [UInt8](repeating: 0, count: chunk)
        while Date().timeIntervalSince(start) < limit {
            if pause > 0 { Thread.sleep(forTimeInterval: pause) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = Glibc.recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }

    /// What the server sent within `seconds` (empty if nothing came).
    func read(waitingAtMost seconds: Double) -> String {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return "" }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = Glibc.recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    /// Reads (and drops) what the server sends until it closes the connection; the seconds that took, or nil if
    /// it was still open after `limit` seconds.
    func secondsUntilClosed(waitingAtMost limit: Double) -> Double? {
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < limit {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let count = Glibc.recv(descriptor, &buffer, buffer.count, 0)
            if count <= 0 { return Date().timeIntervalSince(start) }
        }
        return nil
    }
}
