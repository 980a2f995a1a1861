import DossierTestSupport
import Foundation
import Testing

/// The page's job API beyond what the browser test clicks: the partners' packets, the access token and the
/// removal of a job's files.
@Suite(.serialized) struct WebJobTests {
    static let sample = ServiceTests.sample

    func json(_ answer: HTTPAnswer) -> [String: Any] { (answer.json as? [String: Any]) ?? [:] }

    /// Starts a download and waits for it (a few minutes at most on a loaded machine).
    func finish(_ base: String, job: String, dossier: String, date: String) throws -> HTTPAnswer {
        let started = try HTTP.send("POST", "\(base)/v1/jobs/\(job)/downloads?dossier=\(dossier)&date=\(date)")
        #expect(started.status == 202 || started.status == 200, "\(started.text)")
        let id = try #require(json(started)["id"] as? String, "\(started.text)")
        let deadline = Date().addingTimeInterval(300)
        while Date() < deadline {
            let state = try HTTP.send("GET", "\(base)/v1/jobs/\(job)/downloads/\(id)")
            let value = json(state)["state"] as? String
            if value == "done" { return try HTTP.send("GET", "\(base)/v1/jobs/\(job)/downloads/\(id)/file") }
            if value != "running" && value != "queued" { Issue.record("download state \(state.text)"); break }
            Thread.sleep(forTimeInterval: 1)
        }
        throw CancellationError()
    }

    /// The packets zip holds one message per partner contact, each addressed to it and carrying its letter.
    @Test func thePartnersPacketsDownloadAsAZipOfMessages() throws {
        let service = try ServiceProcess(["--workers", "2"])
        defer { service.stop() }
        let created = try HTTP.send("POST", service.base + "/v1/jobs", file: Self.sample, contentType: "application/yaml")
        #expect(created.status == 200 || created.status == 201, "\(created.text)")
        let job = try #require(json(created)["id"] as? String, "\(created.text)")
        let zip = try finish(service.base, job: job, dossier: "packets", date: "2016-12-08")
        #expect(zip.status == 200 && zip.headers["content-type"] == "application/zip", "\(zip.status) \(zip.headers)")
        let folder = try TestTools.scratch("packets")
        let file = folder.appendingPathComponent("packets.zip")
        try zip.body.write(to: file)
        let check = try TestTools.run("python3", ["-c", """
            import email, sys, zipfile
            from email import policy
            archive = zipfile.ZipFile(sys.argv[1])
            for name in sorted(archive.namelist()):
                message = email.message_from_bytes(archive.read(name), policy=policy.default)
                files = [part.get_filename() for part in message.iter_attachments()]
                print(name, message['To'].addresses[0].addr_spec, len(files), files[0])
            """, file.path])
        #expect(check.status == 0, "\(check.output)")
        let lines = check.output.split(separator: "\n")
        #expect(lines.count == 11, "rule: one message per partner contact: \(check.output)")
        #expect(lines.contains { $0.hasPrefix("ministry-1.eml partenariat@ministere.example.org 10 رسالة إلى") }, "\(check.output)")

        // Deleting the job removes it: its files can no longer be fetched.
        #expect(try HTTP.send("DELETE", "\(service.base)/v1/jobs/\(job)").status < 300)
        #expect(try HTTP.send("GET", "\(service.base)/v1/jobs/\(job)").status == 404)
    }

    /// With --token-env, the page and the API answer only with the token.
    @Test func anAccessTokenGuardsThePageAndTheAPI() throws {
        let token = "t-\(UUID().uuidString)"
        let service = try ServiceProcess(["--workers", "1", "--token-env", "DOSSIER_TEST_TOKEN"], environment: ["DOSSIER_TEST_TOKEN": token])
        defer { service.stop() }
        let refused = try HTTP.send("POST", service.base + "/v1/jobs", file: Self.sample, contentType: "application/yaml")
        #expect(refused.status == 401, "rule: no token, no job: \(refused.status) \(refused.text)")
        let accepted = try HTTP.send("POST", service.base + "/v1/jobs", file: Self.sample, contentType: "application/yaml",
                                     extra: ["-H", "Authorization: Bearer \(token)"])
        #expect(accepted.status == 200 || accepted.status == 201, "\(accepted.status) \(accepted.text)")
        let lowercase = try HTTP.send("GET", service.base + "/v1/jobs/\(String(repeating: "0", count: 32))", extra: ["-H", "Authorization: bearer \(token)"])
        #expect(lowercase.status == 404, "the scheme name is case-insensitive: \(lowercase.status) \(lowercase.text)")
        let page = try HTTP.send("GET", service.base + "/")
        #expect(page.status == 200 || page.status == 401, "\(page.status)")
        #expect(!page.text.contains("id=\"upload\"") || page.status == 401, "the page offers no upload without the token")
    }

    /// A server killed without SIGTERM leaves its scratch folder (its users' uploads): the next server removes
    /// the folders of servers that are no longer running, and leaves a running one's alone.
    @Test func aNewServerRemovesTheUploadsOfADeadOne() throws {
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let temporary = FileManager.default.temporaryDirectory
        let dead = temporary.appendingPathComponent("dossier-serve-\(ended.processIdentifier)")
        let alive = temporary.appendingPathComponent("dossier-serve-\(getpid())")
        for folder in [dead, alive] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("job"), withIntermediateDirectories: true)
            try Data("convention: {}".utf8).write(to: folder.appendingPathComponent("job/convention.yaml"))
        }
        defer { try? FileManager.default.removeItem(at: alive) }
        let service = try ServiceProcess(["--workers", "1"])
        service.stop()
        #expect(!FileManager.default.fileExists(atPath: dead.path), "rule: a dead server's uploads are removed at start")
        #expect(FileManager.default.fileExists(atPath: alive.path), "a running process's folder is left alone")
    }

    /// Every answer says no sniffing and no framing; what no route takes gets a JSON message; an empty only= is refused.
    @Test func answersAreHardenedAndUnknownRoutesExplained() throws {
        let service = try ServiceProcess(["--workers", "1"])
        defer { service.stop() }
        let page = try HTTP.send("GET", service.base + "/")
        #expect(page.headers["x-frame-options"] == "DENY" && page.headers["x-content-type-options"] == "nosniff", "\(page.headers)")
        #expect(page.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true, "\(page.headers)")
        let unknown = try HTTP.send("GET", service.base + "/nothing")
        #expect(unknown.status == 404 && unknown.text.contains("no such endpoint: GET /nothing"), "rule: unknown routes get a JSON message: \(unknown.text)")
        // Another site's page posting in a staff member's browser is refused; the page's own origin is not.
        let crossSite = try HTTP.send("POST", service.base + "/v1/jobs", file: Self.sample, contentType: "application/yaml",
                                      extra: ["-H", "Origin: https://evil.example"])
        #expect(crossSite.status == 403 && crossSite.text.contains("cross-site request refused"), "rule: no cross-site uploads: \(crossSite.status) \(crossSite.text)")
        let sameSite = try HTTP.send("POST", service.base + "/v1/jobs", file: Self.sample, contentType: "application/yaml",
                                     extra: ["-H", "Origin: \(service.base)"])
        #expect(sameSite.status < 300, "the page's own origin is accepted: \(sameSite.status) \(sameSite.text)")
        let empty = try HTTP.send("POST", service.base + "/v1/render?only=,,", file: Self.sample, contentType: "application/yaml")
        #expect(empty.status == 400 && empty.text.contains("only= is empty"), "\(empty.status) \(empty.text)")
    }
}
