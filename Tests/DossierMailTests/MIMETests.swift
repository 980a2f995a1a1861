@testable import DossierMail
import Foundation
import Testing

@Suite struct MIMETests {
    func message(subject: String = "ملفات الاتفاقية TAO-ART-2016/01: اتفاقية إطار للشراكة") -> MIMEMessage {
        MIMEMessage(from: Mailbox(address: "dossiers@example.org", name: "عمالة إقليم تاونات"),
                    to: Mailbox(address: "partner@example.org", name: "Partner"), subject: subject,
                    body: "تحية طيبة،\nتجدون رفقته الملفات.", attachments: [
                        MailAttachment(fileName: "convention.pdf", data: Data(repeating: 0x25, count: 1000)),
                        MailAttachment(fileName: "بطاقة المشروع P01.pdf", data: Data([1, 2, 3])),
                    ], date: "2016-12-08", identifier: "abc123.ministry.1")
    }

    var text: String { String(decoding: message().rendered(), as: UTF8.self) }

    @Test func headersAreASCIIWithArabicAsEncodedWords() {
        let headers = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(headers.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(headers.contains("Subject: =?UTF-8?B?"))
        #expect(headers.contains("From: =?UTF-8?B?"))
        #expect(headers.contains(" <dossiers@example.org>"))
        #expect(headers.contains("Date: Thu, 08 Dec 2016 00:00:00 +0000"))
        #expect(headers.contains("Message-ID: <abc123.ministry.1@dossier.invalid>"))
        // Encoded words decode back to the subject, whole characters only.
        let words = headers.components(separatedBy: "\r\n").filter { $0.hasPrefix("Subject:") || $0.hasPrefix(" =?") }
            .map { $0.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces) }
        let decoded = words.map { word -> String in
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "ملفات الاتفاقية TAO-ART-2016/01: اتفاقية إطار للشراكة")
        #expect(words.allSatisfy { $0.count <= 75 })
    }

    @Test func everyLineIsShortAndEndsWithCRLF() {
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.filter { $0.utf8.count > 78 })")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func attachmentNamesAreSafe() {
        #expect(text.contains("filename=\"convention.pdf\""))
        #expect(text.contains("filename=\"P01.pdf\""))
        #expect(MIMEMessage.safeFileName("رسالة.pdf") == "attachment.pdf" && MIMEMessage.safeFileName("../../x.eml") == "x.eml")
    }

    /// Rules: mail clients get an HTML alternative that reads right to left, with the same words as the plain
    /// text; attachments keep their Arabic names (RFC 2231), with an ASCII name for older clients. Checked by
    /// Python's `email` package, as a mail client reads the message.
    @Test func htmlAlternativeAndArabicAttachmentNamesAsAMailClientReadsThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mime-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("m.eml")
        try message().rendered().write(to: file)
        let script = """
            import email, email.policy, sys, re, html
            m = email.message_from_bytes(open(sys.argv[1], 'rb').read(), policy=email.policy.default)
            assert not m.defects, m.defects
            body = m.get_body(preferencelist=('html',))
            plain = m.get_body(preferencelist=('plain',)).get_content()
            page = body.get_content()
            print('html-rtl', 'dir="rtl"' in page and 'lang="ar"' in page)
            words = lambda t: re.sub(r'\\s+', ' ', t).strip()
            print('same-words', words(html.unescape(re.sub(r'<[^>]+>', ' ', page.split('<body', 1)[1].split('>', 1)[1]))) == words(plain))
            for part in m.iter_attachments():
                print('attachment', part.get_filename())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.contains("html-rtl True"), "html-alternative rule: \(output)")
        #expect(output.contains("same-words True"), "html-alternative rule: the HTML does not say the same words: \(output)")
        #expect(output.contains("attachment convention.pdf") && output.contains("attachment بطاقة المشروع P01.pdf"),
                "arabic-attachment-name rule: \(output)")
    }

    @Test func longNamesIdentifiersAndFileNamesAreFoldedOrShortened() {
        let long = String(repeating: "x", count: 5000)
        let message = MIMEMessage(from: Mailbox(address: "dossiers@example.org", name: long),
                                  to: Mailbox(address: "partner@example.org", name: String(repeating: "شريك ", count: 1000)),
                                  subject: long, body: "x",
                                  attachments: [MailAttachment(fileName: "project-\(long).pdf", data: Data([1]))],
                                  date: "2016-12-08", identifier: "abc123.\(long).1")
        let lines = String(decoding: message.rendered(), as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines.filter { $0.utf8.count > 78 }.map(\.count))")
        #expect(lines.contains { $0.hasPrefix(" filename=\"project-xxx") && $0.hasSuffix(".pdf\"") })
    }

    @Test func namesThatLookLikeAddressesBecomeEncodedWords() {
        for name in ["Evil, <attacker@evil.example>", "Evil\r\nBcc: attacker@evil.example", "\"quoted\""] {
            let header = MIMEMessage.mailbox(Mailbox(address: "partner@example.org", name: name))
            #expect(header.hasPrefix("=?UTF-8?B?") && header.hasSuffix(" <partner@example.org>"), "\(header)")
            #expect(!header.contains("attacker") && !header.contains("Bcc"))
        }
    }

    @Test func senderAddressesAreCheckedForInjection() {
        #expect(MailAddress.problem("dossiers@province.ma") == nil)
        #expect(MailAddress.problem("first.last+tag@sub.example.org") == nil)
        #expect(MailAddress.problem("x@y>\r\nBcc: attacker@evil.example")?.contains("control character (U+000D") == true)
        #expect(MailAddress.problem("a@b.org,c@d.org")?.contains("«,»") == true)
        #expect(MailAddress.problem("a@b.org;c@d.org")?.contains("«;»") == true)
        #expect(MailAddress.problem("a@-b.org")?.contains("not a valid domain") == true)
        #expect(MailAddress.problem("a..b@c.org")?.contains("not a valid name before the @") == true)
        #expect(MailAddress.problem("دوسي@example.org") != nil)
    }

    @Test func theSameInputGivesTheSameBytes() {
        #expect(message().rendered() == message().rendered())
    }
}
