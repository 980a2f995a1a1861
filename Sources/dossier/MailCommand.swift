import ArgumentParser
import DossierKit
import Foundation

/// `dossier mail`: one message per partner contact, written as .eml files and optionally sent.
struct Mail: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
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

    @OptionGroup var smtpOptions: SMTPOptions

    @Option(help: "Warn when a message's attachments exceed this many megabytes.")
    var maxMB: Double = 10


    func validate() throws {
        if let problem = MailAddress.problem(from) { throw ValidationError("--from \(from.debugDescription): \(problem)") }
        if let smtp { try SMTPOptions.check(smtp: smtp) }
        // Checked before anything is written: it becomes a byte count (`Int`), which NaN, infinity or 1e300 are not.
        guard maxMB.isFinite, maxMB > 0, maxMB <= 10_000 else {
            throw ValidationError("--max-mb must be a number of megabytes above 0 and at most 10000, found \(maxMB)")
        }
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
        guard let smtp, let delivery = smtpOptions.delivery(smtp: smtp, folder: out) else { return }
        let unsent = delivery.deliver(messages.map { MessageDelivery.Item(file: $0.file, from: from, to: $0.to.address) })
        if unsent > 0 {
            print("\(unsent) of \(messages.count) message(s) not delivered; send them again with: dossier send \(out) --smtp \(smtp)")
            throw ExitCode(1)
        }
    }
}
