import DossierTestSupport
import Foundation
import Testing

/// `dossier serve` from outside: the real executable on a loopback port, real HTTP requests with curl.
@Suite(.serialized) struct ServiceTests {
    static let sample = Dossier.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml")
    static let date = "2016-12-08"

    /// The sample with one partner id misspelt (an error validation locates).
    static func badSample() throws -> URL {
        let text = try String(contentsOf: sample, encoding: .utf8)
            .replacingOccurrences(of: "{partner: bouadel, amount: 0.3 M}", with: "{partner: boadel, amount: 0.3 M}")
        let url = try TestTools.scratch("bad").appendingPathComponent("convention.yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func rendersTheCLIsBytesAndValidatesLikeTheCLI() throws {
        let service = try ServiceProcess(["--workers", "2"])
        defer { service.stop() }
        let cli = try TestTools.scratch("cli")
        let rendered = try Dossier.run(["render", "--out", cli.path, "--date", Self.date, "--only", "convention", "projects", "meeting"])
        #expect(rendered.status == 0, "\(rendered.stderr)")

        // One dossier: the PDF itself, byte for byte what the command line wrote.
        let one = try HTTP.send("POST", service.base + "/v1/render?only=P01&date=\(Self.date)", file: Self.sample, contentType: "application/yaml")
        #expect(one.status == 200, "\(one.text)")
        #expect(one.headers["content-type"] == "application/pdf")
        #expect(one.body == (try Data(contentsOf: cli.appendingPathComponent("projects/P01.pdf"))))

        // Several: a zip of the same files under the same names.
        let all = try HTTP.send("POST", service.base + "/v1/render?date=\(Self.date)", file: Self.sample, contentType: "application/yaml")
        #expect(all.status == 200, "\(all.text)")
        #expect(all.headers["content-type"] == "application/zip")
        #expect(all.headers["x-dossier-count"] == "10")
        let unzipped = try TestTools.scratch("unzipped")
        try all.body.write(to: unzipped.appendingPathComponent("all.zip"))
        #expect(try TestTools.run("unzip", ["-q", unzipped.appendingPathComponent("all.zip").path, "-d", unzipped.appendingPathComponent("x").path]).status == 0)
        for name in ["convention.pdf", "meetings/2016-12-08.pdf"] + (1...8).map({ "projects/P0\($0).pdf" }) {
            let served = try? Data(contentsOf: unzipped.appendingPathComponent("x/" + name))
            #expect(served != nil && served == (try? Data(contentsOf: cli.appendingPathComponent(name))), "\(name) differs from the CLI's")
        }

        // Validation: the very bytes of `dossier validate --format json` on a file named as the service names it.
        let bad = try Self.badSample()
        let validated = try HTTP.send("POST", service.base + "/v1/validate", file: bad, contentType: "application/yaml")
        let cliJSON = try Dossier.run(["validate", "--format", "json", "convention.yaml"], in: bad.deletingLastPathComponent())
        #expect(validated.status == 422)
        #expect(validated.text == cliJSON.stdout)
        #expect(validated.text.contains("\"path\" : \"projects[0].financing[4].partner\""))
        let good = try HTTP.send("POST", service.base + "/v1/validate", file: Self.sample, contentType: "application/yaml")
        #expect(good.status == 200 && (good.json as? [[String: Any]])?.first?["valid"] as? Bool == true)

        // Multipart with CSV imports: saved under fixed names next to the convention.
        let fixtures = Dossier.repoRoot.appendingPathComponent("Tests/DossierModelTests/Fixtures")
        let csv = try HTTP.send("POST", service.base + "/v1/validate", form: [
            "convention=@\(fixtures.path)/with-csv.yaml;type=application/yaml",
            "projects=@\(fixtures.path)/projects.csv;filename=../../etc/passwd", "financing=@\(fixtures.path)/financing.csv",
        ])
        #expect(csv.status == 200, "\(csv.text)")
        let missingCSV = try HTTP.send("POST", service.base + "/v1/validate", form: ["convention=@\(fixtures.path)/with-csv.yaml"])
        #expect(missingCSV.status == 422)
        #expect(missingCSV.text.contains("projects.csv"), "\(missingCSV.text)")
        // Problems name the file the client sent (its last path component, without bidi overrides), not the name the
        // service saved it under.
        #expect((missingCSV.json as? [[String: Any]])?.first?["file"] as? String == "with-csv.yaml", "\(missingCSV.text)")
        let named = try HTTP.send("POST", service.base + "/v1/validate",
                                  form: ["convention=@\(fixtures.path)/with-csv.yaml;filename=../up/\u{202E}اتفاقية.yaml"])
        #expect((named.json as? [[String: Any]])?.first?["file"] as? String == "اتفاقية.yaml", "\(named.text)")

        // Probes and metrics.
        #expect(try HTTP.send("GET", service.base + "/v1/jobs/0123456789abcdef").status == 404)
        #expect(try HTTP.send("GET", service.base + "/no/such/page").status == 404)
        #expect(try HTTP.send("GET", service.base + "/health").status == 200)
        #expect(try HTTP.send("GET", service.base + "/ready").status == 200)
        let metrics = try HTTP.send("GET", service.base + "/metrics").text
        for name in ["dossier_http_requests_total{route=\"/v1/render\",status=\"200\"} 2", "dossier_render_duration_seconds_bucket",
                     "dossier_pages_rendered_total", "dossier_queue_depth", "dossier_renders_in_flight",
                     "dossier_http_requests_total{route=\"/v1/validate\",status=\"422\"}",
                     // The web page's routes by their pattern, never by a job's id; what no route matches is "other".
                     "dossier_http_requests_total{route=\"/v1/jobs/{job}\",status=\"404\"} 1",
                     "dossier_http_requests_total{route=\"other\",status=\"404\"} 1"] {
            #expect(metrics.contains(name), "metrics lack \(name)")
        }
        #expect(!metrics.contains("0123456789abcdef"), "a job id in the metrics' labels")
        // One log line per request, and no convention content in the log.
        #expect(service.logText.contains("route=/v1/render status=200"))
        #expect(!service.logText.contains("تاونات") && !service.logText.contains("bouadel") && !service.logText.contains("boadel"))
    }

    @Test func refusesBadRequestsWithClearAnswers() throws {
        let service = try ServiceProcess(["--workers", "1", "--max-body", "4096"])
        defer { service.stop() }
        let render = service.base + "/v1/render?only=P01&date=\(Self.date)"
        let large = try HTTP.send("POST", render, file: Self.sample, contentType: "application/yaml")
        #expect(large.status == 413, "\(large.text)")
        #expect(large.text.contains("--max-body 4096"))
        // The log still says why (the outcome was lost once errors became answers before the log saw them).
        #expect(service.logText.contains("outcome=refused route=/v1/render status=413"), "\(service.logText.suffix(600))")
        // Error answers carry the same protective headers as the others (they did not).
        #expect(large.headers["x-content-type-options"] == "nosniff" && large.headers["content-security-policy"] != nil
                && large.headers["x-frame-options"] == "DENY", "\(large.headers)")

        let small = try TestTools.scratch("small").appendingPathComponent("c.yaml")
        try "convention:\n  reference: X\nprojects: []\n".write(to: small, atomically: true, encoding: .utf8)
        let invalid = try HTTP.send("POST", render, file: small, contentType: "application/yaml")
        #expect(invalid.status == 422, "\(invalid.text)")
        let problems = (invalid.json as? [String: Any])?["problems"] as? [[String: Any]] ?? []
        #expect(!problems.isEmpty && problems.allSatisfy { $0["file"] as? String == "convention.yaml" } && problems.contains { $0["line"] != nil }, "\(invalid.text)")

        #expect(try HTTP.send("POST", service.base + "/v1/render?date=2016-13-45", file: small, contentType: "application/yaml").status == 400)
        #expect(try HTTP.send("POST", service.base + "/v1/render?format=docx", file: small, contentType: "application/yaml").status == 400)
        let twice = try HTTP.send("POST", service.base + "/v1/render?date=2016-12-08&date=2017-01-01", file: small, contentType: "application/yaml")
        #expect(twice.status == 400 && twice.text.contains("date is given 2 times"), "\(twice.status) \(twice.text)")
        #expect(try HTTP.send("POST", service.base + "/v1/validate", file: small, contentType: "image/png").status == 415)
        #expect(try HTTP.send("POST", service.base + "/v1/validate", form: ["evil=@\(small.path)"]).status == 400)
        #expect(try HTTP.send("GET", service.base + "/v1/nothing").status == 404)
        // A multipart boundary that is empty or over 70 characters: 400, and the server goes on (an empty one ended it).
        let parts = try TestTools.scratch("parts").appendingPathComponent("body")
        try "--x\r\nContent-Disposition: form-data; name=\"convention\"\r\n\r\nconvention: {}\r\n--x--\r\n"
            .write(to: parts, atomically: true, encoding: .utf8)
        for boundary in ["\"\"", String(repeating: "b", count: 71)] {
            let answer = try HTTP.send("POST", service.base + "/v1/validate", file: parts, contentType: "multipart/form-data; boundary=\(boundary)")
            #expect(answer.status == 400 && answer.text.contains("boundary must be 1 to 70 characters"), "\(answer.status) \(answer.text)")
        }
        #expect(try HTTP.send("GET", service.base + "/health").status == 200, "the server stopped after a bad multipart boundary")
        // Nothing of a request is left behind.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-serve-\(service.process.processIdentifier)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: scratch.path))?.isEmpty == true)
    }

    @Test func degradesUnderLoadAndSurvivesBrokenRenders() throws {
        // One worker, one queue place; P04 hangs and P03 crashes in the render child (test-only fault injection).
        let service = try ServiceProcess(["--workers", "1", "--queue", "1", "--timeout", "4"],
                                         environment: ["DOSSIER_TEST_WORKER_FAULT": "hang:P04,crash:P03"])
        defer { service.stop() }
        let sample = Self.sample
        let url = service.base + "/v1/render?only=convention&date=\(Self.date)"
        let answers = HTTP.burst(8) { try HTTP.send("POST", url, file: sample, contentType: "application/yaml") }
        let statuses = answers.map(\.status).sorted()
        #expect(statuses.filter { $0 == 429 }.count >= 8 - 2 - 1, "\(statuses)")  // at most workers + queue taken (+1 if one finished early)
        #expect(statuses.contains(200) && statuses.allSatisfy { $0 == 200 || $0 == 429 }, "\(statuses)")
        #expect(answers.filter { $0.status == 429 }.allSatisfy { Int($0.headers["retry-after"] ?? "") ?? 0 >= 1 })

        let start = Date()
        let hung = try HTTP.send("POST", service.base + "/v1/render?only=P04&date=\(Self.date)", file: sample, contentType: "application/yaml")
        #expect(hung.status == 503, "\(hung.text)")
        #expect(Date().timeIntervalSince(start) < 10)
        let crashed = try HTTP.send("POST", service.base + "/v1/render?only=P03&date=\(Self.date)", file: sample, contentType: "application/yaml")
        #expect(crashed.status == 500, "\(crashed.text)")
        // Still answering, with fresh children.
        #expect(try HTTP.send("GET", service.base + "/health").status == 200)
        let after = try HTTP.send("POST", service.base + "/v1/render?only=P01&date=\(Self.date)", file: sample, contentType: "application/yaml")
        #expect(after.status == 200 && after.body.starts(with: Data("%PDF".utf8)))
        // Dossiers are not to be kept by browsers or proxies.
        #expect(after.headers["cache-control"] == "no-store", "\(after.headers)")
        let metrics = try HTTP.send("GET", service.base + "/metrics").text
        #expect(metrics.contains("dossier_worker_restarts_total 2"), "\(metrics)")
        #expect(metrics.contains("status=\"429\""))
        #expect(service.stop() == 0)
    }

    /// Validation runs in the server; a file of 100 000 unknown keys takes seconds of it. Three at once stalled every
    /// other request (`/health` among them) while they ran on Swift's cooperative threads, one per core.
    @Test func slowValidationsDoNotStallTheServer() throws {
        let service = try ServiceProcess(["--workers", "1"])
        defer { service.stop() }
        let keys = try TestTools.scratch("keys").appendingPathComponent("keys.yaml")
        try (0..<100_000).map { "k\($0): v\n" }.joined().write(to: keys, atomically: true, encoding: .utf8)
        let url = service.base + "/v1/validate"
        let answers = Answers()
        // One more than the cooperative threads (one per core), so that they would all be taken.
        let count = ProcessInfo.processInfo.activeProcessorCount + 1
        let threads = (0..<count).map { _ in Thread {
            answers.add((try? HTTP.send("POST", url, file: keys, contentType: "application/yaml")) ?? HTTPAnswer(status: 0, headers: [:], body: Data()))
        } }
        threads.forEach { $0.start() }
        Thread.sleep(forTimeInterval: 1)
        let health = try HTTP.send("GET", service.base + "/health", extra: ["--max-time", "3"])
        #expect(health.status == 200, "the rule that validations run off the threads that answer: /health got \(health.status) while \(count) validations ran")
        let deadline = Date().addingTimeInterval(300)
        while answers.count < count, Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(answers.all.allSatisfy { $0.status == 422 && $0.text.contains("more error(s) and 0 more warning(s) not listed") }, "\(answers.all.map(\.status))")
    }

    @Test func sigtermFinishesWhatIsInFlightAndExitsZero() throws {
        let service = try ServiceProcess(["--workers", "1"])
        let sample = Self.sample
        let url = service.base + "/v1/render?date=\(Self.date)"
        let answer = Answers1()
        let thread = Thread { answer.set(try? HTTP.send("POST", url, file: sample, contentType: "application/yaml")) }
        thread.start()
        // The render has started (in flight) when SIGTERM comes.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, !((try? HTTP.send("GET", service.base + "/metrics").text.contains("dossier_renders_in_flight 1")) ?? false) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(service.stop() == 0)
        while answer.value == nil { Thread.sleep(forTimeInterval: 0.05) }
        #expect(answer.value??.status == 200)
        #expect(answer.value??.headers["x-dossier-count"] == "10")
        // And it no longer listens.
        #expect(try HTTP.send("GET", service.base + "/health").status == 0)
    }
}

private final class Answers1: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: HTTPAnswer??
    func set(_ answer: HTTPAnswer?) { lock.lock(); stored = .some(answer); lock.unlock() }
    var value: HTTPAnswer?? { lock.lock(); defer { lock.unlock() }; return stored }
}
