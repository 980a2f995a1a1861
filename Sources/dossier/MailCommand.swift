import ArgumentParser
import DossierKit
import Foundation

/// `dossier mail`: one message per partner contact, written as .eml files and optionally sent.
struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Writes one email (.eml) per partner contact with its cover letter and the dossiers that concern it; "
            + "with --smtp, sends them.",
        discussion: """
            Credentials for --smtp come from the environment: DOSSIER_SMTP_USER and DOSSIER_SMTP_PASSWORD. \
            A message the server refuses does not stop the others; a server that cannot be reached (connection \
            refused, no answer within --timeout) stops the sending, and the messages not sent are listed. Every \
            message stays in the output folder. \
            Exit status: 0 when every message was written (and sent), 1 otherwise, 2 on usage errors.
            """)

    @OptionGroup var batchOptions: BatchOptions

    @Option(help: "Output folder for the messages (the rendered dossiers go to its dossiers/ folder).")
    var out: String = "out/mail"

    @Option(help: "Sender address.")
    var from: String = "dossiers@example.org"

    @Option(help: "Sender name.")
    var fromName: String?

    @Option(help: "Send through this SMTP server (HOST:PORT).")
    var smtp: String?

    @Option(help: "TLS for --smtp: none, optional (STARTTLS when offered) or required (default: required with credentials, else optional).")
    var tls: String?

    @Option(help: "Warn when a message's attachments exceed this many megabytes.")
    var maxMB: Double = 10

    @Option(help: "Seconds to wait for the SMTP server to connect or to answer (1 to 600).")
    var timeout: Int = 20

    func validate() throws {
        if let problem = MailAddress.problem(from) { throw ValidationError("--from \(from.debugDescription): \(problem)") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout is a number of seconds from 1 to 600") }
        if let smtp, Mail.hostPort(smtp) == nil { throw ValidationError("--smtp \(smtp): write HOST:PORT, e.g. smtp.example.org:587") }
        if let tls, SMTPSecurity(rawValue: tls) == nil { throw ValidationError("--tls is none, optional or required") }
    }

    static func hostPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    func run() throws {
        let day = batchOptions.day
        let folder = URL(fileURLWithPath: out)
        let messages: [WrittenMessage]
        do {
            let batch = try batchOptions.makeBatch()
            let sender = Mailbox(address: from, name: fromName ?? "عمالة \(batch.convention.convention.province)")
            messages = try PartnerMailer(batch: batch, from: sender).writeMessages(folder: folder, date: day, workers: batchOptions.jobs) { print($0) }
        } catch let failure as CheckFailure {
            fail("nothing was written; fix these problems first:\n\(failure)", code: 1)
        } catch {
            fail("\(error)", code: 1)
        }
        let limit = Int(maxMB * 1_000_000)
        for message in messages {
            print("wrote \(message.file.lastPathComponent) for \(message.to.address) (\(message.attachmentBytes / 1000) KB of attachments)")
            if message.attachmentBytes > limit {
                print("warning: \(message.file.lastPathComponent) carries \(String(format: "%.1f", Double(message.attachmentBytes) / 1_000_000)) MB "
                      + "of attachments, over the \(maxMB) MB limit; some mail servers will refuse it")
            }
        }
        guard let smtp, let (host, port) = Mail.hostPort(smtp) else { return }
        let delivery = MessageDelivery(host: host, port: port, tls: tls, timeout: timeout, folder: out) { print($0) }
        let unsent = delivery.deliver(messages.map { MessageDelivery.Item(file: $0.file, from: from, to: $0.to.address) })
        if unsent > 0 {
            print("\(unsent) of \(messages.count) message(s) not delivered; send them again with: dossier send \(out) --smtp \(smtp)")
            throw ExitCode(1)
        }
    }
}
