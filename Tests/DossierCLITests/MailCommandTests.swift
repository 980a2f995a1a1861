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
        #expect(ministry.hasSuffix("|letter-ministry.pdf,convention.pdf,project-P01.pdf,project-P02.pdf,project-P03.pdf,project-P04.pdf,"
                                   + "project-P05.pdf,project-P06.pdf,project-P07.pdf,project-P08.pdf"), "\(ministry)")
        let bibane = try #require(messages.first { $0.hasPrefix("bibane-1.eml|") })
        #expect(bibane.hasSuffix("|letter-bibane.pdf,convention.pdf,project-P08.pdf"), "\(bibane)")
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

    @Test(.enabled(if: MailCommandTests.hasAiosmtpd, "needs Python's aiosmtpd (scripts/setup.sh installs it)"))
    func deliversToALocalSMTPServer() throws {
        let maildir = try RenderCommandTests.scratch().appendingPathComponent("maildir")
        let port = 20000 + Int.random(in: 0..<20000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        // SIGKILL: a child started from a test thread may have SIGTERM blocked and never stop.
        defer { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        // Wait until the server accepts connections (bounded).
        for _ in 0..<50 where !FileManager.default.fileExists(atPath: maildir.appendingPathComponent("new").path) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        Thread.sleep(forTimeInterval: 0.5)
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

    @Test func aFailedDeliveryStopsNothingAndKeepsTheMessages() throws {
        let out = try RenderCommandTests.scratch()
        // Nothing listens on port 9 (discard) of the loopback interface here.
        let result = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08", "--smtp", "127.0.0.1:9", "--tls", "none"])
        #expect(result.status == 1)
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("FAILED ") }.count == 11)
        #expect(result.stdout.contains("11 of 11 message(s) not delivered"))
        let kept = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".eml") }
        #expect(kept.count == 11)
    }
}
