import Foundation
import Testing

/// `dossier mail`: messages that any mail client reads, and delivery to a local SMTP server.
@Suite(.serialized) struct MailCommandTests {
    static let hasAiosmtpd: Bool = (try? RenderCommandTests.tool("python3", ["-c", "import aiosmtpd; print('ok')"]))?.contains("ok") == true

    /// Parses every .eml of `folder` with Python's email package; returns "file|to|subject|attachments".
    static func parsed(_ folder: URL) throws -> [String] {
        let script = """
            import email, email.policy, glob, os, sys
            for f in sorted(glob.glob(os.path.join(sys.argv[1], '*.eml'))):
                m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
                assert not m.defects, m.defects
                names = [p.get_filename() for p in m.iter_attachments()]
                body = m.get_body(('plain',)).get_content()
                assert 'dossier verify' in body
                print('|'.join([os.path.basename(f), m['To'].addresses[0].addr_spec, str(m['Subject']), ','.join(names)]))
            """
        return try RenderCommandTests.tool("python3", ["-c", script, folder.path]).split(separator: "\n").map(String.init)
    }

    @Test func writesOneParsableMessagePerContactWithTheRightAttachments() throws {
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08"])
        #expect(result.status == 0, "\(result.stderr)")
        let messages = try Self.parsed(out)
        #expect(messages.count == 11, "\(messages)")
        let ministry = try #require(messages.first { $0.hasPrefix("ministry-1.eml|") })
        #expect(ministry.contains("|partenariat@ministere.example.org|ملفات الاتفاقية TAO-ART-2016/01: اتفاقية إطار للشراكة"))
        // Attachments keep their Arabic names (RFC 2231), as mail clients show them.
        let projects = (1...8).map { "بطاقة المشروع P0\($0).pdf" }.joined(separator: ",")
        #expect(ministry.hasSuffix("|رسالة إلى الوزارة.pdf,ملف الاتفاقية TAO-ART-2016_01.pdf,\(projects)"), "\(ministry)")
        let bibane = try #require(messages.first { $0.hasPrefix("bibane-1.eml|") })
        #expect(bibane.hasSuffix("|رسالة إلى البيبان.pdf,ملف الاتفاقية TAO-ART-2016_01.pdf,بطاقة المشروع P08.pdf"), "\(bibane)")
        // The letters are dossiers like the others: sealed, with their data attached.
        let verify = try CLI.run(["verify", out.appendingPathComponent("dossiers/partners/bibane.pdf").path])
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func warnsWhenAttachmentsExceedTheLimit() throws {
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--max-mb", "1"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("warning: ministry-1.eml carries"))
        #expect(!result.stdout.contains("warning: bibane-1.eml"))
    }

    /// A limit that is not a finite number of megabytes is a usage error, before anything is written (NaN stopped the
    /// program with a trap after every message was written).
    @Test(arguments: ["nan", "inf", "1e300", "0", "20000"])
    func aLimitThatIsNotAnAmountOfMegabytesIsAUsageError(limit: String) throws {
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--max-mb", limit])
        #expect(result.status == 2, "\(result.status) \(result.stderr)")
        #expect(result.stderr.contains("--max-mb must be a number of megabytes above 0"), "\(result.stderr)")
        #expect((try? FileManager.default.contentsOfDirectory(atPath: out.path))?.isEmpty ?? true, "messages were written")
    }

    /// A real SMTP server (aiosmtpd) on a loopback port, delivering into a maildir.
    struct LocalServer {
        let process: Process
        let port: Int
        let maildir: URL
        // SIGKILL: a child started from a test thread may have SIGTERM blocked and never stop.
        func stop() { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    static func startLocalServer() throws -> LocalServer {
        let maildir = try RenderCommandTests.scratch().appendingPathComponent("maildir")
        let port = 20000 + Int.random(in: 0..<20000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // Wait until the server accepts connections (bounded).
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new").path) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.5)
        return LocalServer(process: server, port: port, maildir: maildir)
    }

    @Test(.enabled(if: MailCommandTests.hasAiosmtpd, "needs Python's aiosmtpd (scripts/setup.sh installs it)"))
    func deliversToALocalSMTPServer() throws {
        let server = try Self.startLocalServer()
        defer { server.stop() }
        let (port, maildir) = (server.port, server.maildir)
        let out = try RenderCommandTests.scratch()
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--smtp", "127.0.0.1:\(port)", "--tls", "none"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("sent ") }.count == 11)
        let delivered = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        #expect(delivered.count == 11)
        try FileManager.default.createDirectory(at: out.appendingPathComponent("delivered"), withIntermediateDirectories: true)
        for (index, file) in delivered.enumerated() {
            try FileManager.default.copyItem(at: maildir.appendingPathComponent("new/\(file)"),
                                             to: out.appendingPathComponent("delivered/m\(index).eml"))
        }
        #expect(try Self.parsed(out.appendingPathComponent("delivered")).count == 11)
    }

    @Test func aServerThatRefusesConnectionsStopsTheSendingAndKeepsTheMessages() throws {
        let out = try RenderCommandTests.scratch()
        // Nothing listens on port 9 (discard) of the loopback interface here.
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--smtp", "127.0.0.1:9", "--tls", "none",
                                  "--timeout", "5"])
        #expect(result.status == 1)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("FAILED ") }.count == 1, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("stopped: the server 127.0.0.1:9 cannot be reached") })
        #expect(lines.filter { $0.hasPrefix("NOT SENT ") }.count == 10)
        #expect(result.stdout.contains("11 of 11 message(s) not delivered"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".eml") }
        #expect(kept.count == 11)
    }

    @Test func aServerThatNeverAnswersCostsOneTimeOutNotOnePerMessage() throws {
        let listener = try SilentListener()
        defer { listener.close() }
        let out = try RenderCommandTests.scratch()
        // The dossiers are rendered first, without a server: the timing below is the sending alone.
        #expect(try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08"]).status == 0)
        let start = Date()
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--smtp", "127.0.0.1:\(listener.port)",
                                  "--tls", "none", "--timeout", "2"])
        let elapsed = Date().timeIntervalSince(start)
        #expect(result.status == 1)
        #expect(result.stdout.contains("stopped: the server 127.0.0.1:\(listener.port) cannot be reached"), "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("NOT SENT ") }.count == 10)
        // Rendering takes a few seconds; eleven time-outs would take 22 more.
        #expect(elapsed < 15, "took \(elapsed) s")
    }

    @Test(arguments: ["x@y>\r\nBcc: attacker@evil.example", "x@y\nBcc: attacker@evil.example", "a@b.org, c@d.org", "a@b.org;c@d.org",
                      "<a@b.org>", "Name <a@b.org>", "a@@b.org", "no-at-sign", "a@b.org\t"])
    func unsafeSenderAddressesAreRefusedBeforeAnythingIsWritten(_ from: String) throws {
        let out = try RenderCommandTests.scratch().appendingPathComponent("mail")
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--from", from])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--from \(from.debugDescription): "), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func aVeryLongContactNameKeepsEveryHeaderLineShort() throws {
        let work = try RenderCommandTests.scratch()
        let sample = try String(contentsOf: CLI.repoRoot.appendingPathComponent("Examples/taounate-2016/convention.yaml"), encoding: .utf8)
        // The longest names validation accepts (TextRule.cell, 300 characters): far past one header line.
        let latin = String(repeating: "Name", count: 75), arabic = String(repeating: "مديرية", count: 50)
        try sample.replacingOccurrences(of: "{name: مديرية الشراكة,", with: "{name: \(latin),")
            .replacingOccurrences(of: "{name: قسم البرامج,", with: "{name: \(arabic),")
            .write(to: work.appendingPathComponent("long.yaml"), atomically: true, encoding: .utf8)
        let out = work.appendingPathComponent("mail")
        let result = try CLI.run(["mail", "long.yaml", "--out", out.path, "--date", "2016-12-08"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        for file in try FileManager.default.contentsOfDirectory(atPath: out.path) where file.hasSuffix(".eml") {
            let text = try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8)
            let long = text.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 }
            #expect(long.isEmpty, "\(file): a line of \(long.first?.utf8.count ?? 0) characters")
        }
        // The names decode back whole (RFC 2047: the folding between encoded words is not part of the
        // text; Python 3.11's address parser keeps it as a space, so the words are decoded as RFC 2047 says).
        let names = try RenderCommandTests.tool("python3", ["-c", """
            import email, email.policy, sys
            from email.header import decode_header, make_header
            for f in sys.argv[1:]:
                m = email.message_from_bytes(open(f, 'rb').read(), policy=email.policy.default)
                assert not m.defects, m.defects
                raw = email.message_from_bytes(open(f, 'rb').read())['To']
                print(len(str(make_header(decode_header(raw.rsplit('<', 1)[0].strip())))))
            """, out.appendingPathComponent("ministry-1.eml").path, out.appendingPathComponent("apdn-1.eml").path])
        #expect(names.split(separator: "\n") == ["300", "300"], "\(names)")
    }
}

/// A TCP socket on the loopback interface that accepts connections (the kernel does) and never answers.
final class SilentListener {
    let descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(fd, generic, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
}
