import DossierMail
import DossierTestSupport
import Foundation
import Testing

/// `dossier send`: the messages a `mail` run wrote, sent (again) through a real SMTP server on loopback.
@Suite(.serialized) struct SendCommandTests {
    @Test func theEnvelopeIsReadBackFromAWrittenMessage() {
        let message = MIMEMessage(from: Mailbox(address: "dossiers@example.org", name: "عمالة إقليم تاونات"),
                                  to: Mailbox(address: "partner@example.org", name: String(repeating: "شريك ", count: 40)),
                                  subject: "ملفات", body: "نص", attachments: [], date: "2016-12-08", identifier: "x.1")
        #expect(MessageEnvelope.read(message.rendered()) == MessageEnvelope(from: "dossiers@example.org", to: "partner@example.org"))
        // Two recipients, a repeated header or an unsafe address: not sent.
        for headers in ["From: <a@example.org>\r\nTo: <b@example.org>, <c@example.org>\r\n\r\n",
                        "From: <a@example.org>\r\nTo: <b@example.org>\r\nTo: <c@example.org>\r\n\r\n",
                        "From: <a@example.org>\r\nTo: <b@example.org\r\n\r\n"] {
            #expect(MessageEnvelope.read(Data(headers.utf8)) == nil, "\(headers)")
        }
    }

    @Test(.enabled(if: MailCommandTests.hasAiosmtpd, "needs Python's aiosmtpd (scripts/setup.sh installs it)"))
    func sendsTheSavedMessagesToALocalServer() throws {
        let out = try RenderCommandTests.scratch()
        let written = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08"])
        #expect(written.status == 0, "\(written.stderr)")
        let server = try MailCommandTests.startLocalServer()
        defer { server.stop() }
        let (port, maildir) = (server.port, server.maildir)
        let result = try CLI.run(["send", out.path, "--smtp", "127.0.0.1:\(port)", "--tls", "none"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("sent 11 message(s)"), "\(result.stdout)")
        let delivered = try FileManager.default.contentsOfDirectory(atPath: maildir.appendingPathComponent("new").path)
        #expect(delivered.count == 11)
        // What arrived is what was written, byte for byte (after the server's own Delivered-To lines).
        let sent = try Data(contentsOf: out.appendingPathComponent("bibane-1.eml"))
        let arrived = try delivered.map { try Data(contentsOf: maildir.appendingPathComponent("new/\($0)")) }
        let body = String(decoding: sent, as: UTF8.self).components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(arrived.contains { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
            .contains(body.replacingOccurrences(of: "\r\n", with: "\n").prefix(2000)) })
    }

    @Test func aServerThatCannotBeReachedLeavesEveryMessageInPlace() throws {
        let out = try RenderCommandTests.scratch()
        _ = try CLI.run(["mail", "--out", out.path, "--date", "2016-12-08"])
        let result = try CLI.run(["send", out.path, "--smtp", "127.0.0.1:9", "--tls", "none", "--timeout", "5"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("11 of 11 message(s) not delivered"), "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".eml") }.count == 11)
    }

    @Test func aFolderWithoutMessagesOrWithAForeignFileIsRefused() throws {
        let empty = try RenderCommandTests.scratch()
        let none = try CLI.run(["send", empty.path, "--smtp", "127.0.0.1:9"])
        #expect(none.status == 1 && none.stderr.contains("no .eml file to send"), "\(none.stderr)")
        try Data("Subject: hello\r\n\r\nbody".utf8).write(to: empty.appendingPathComponent("x.eml"))
        let foreign = try CLI.run(["send", empty.path, "--smtp", "127.0.0.1:9"])
        #expect(foreign.status == 1 && foreign.stderr.contains("x.eml: not a message with one From: and one To: address"), "\(foreign.stderr)")
    }
}
