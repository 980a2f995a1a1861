import ArgumentParser
import DossierKit
import Foundation

/// `dossier send`: sends the `.eml` files a `dossier mail` run wrote (again, after a failed delivery).
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Sends the messages (.eml) that `dossier mail` wrote in a folder, through an SMTP server.",
        discussion: """
            Each message goes to the address of its To: header, from the address of its From: header (or --from). \
            Credentials come from the environment: DOSSIER_SMTP_USER and DOSSIER_SMTP_PASSWORD. A server that cannot \
            be reached stops the sending and lists the messages not sent; every file stays in the folder. \
            Exit status: 0 when every message was sent, 1 otherwise, 2 on usage errors.
            """)

    @Argument(help: "The folder of .eml files (the --out of `dossier mail`).")
    var folder: String

    @Option(help: "Send through this SMTP server (HOST:PORT).")
    var smtp: String

    @OptionGroup var smtpOptions: SMTPOptions

    @Option(help: "Envelope sender address (default: each message's From: address).")
    var from: String?


    func validate() throws {
        if let from, let problem = MailAddress.problem(from) { throw ValidationError("--from \(from.debugDescription): \(problem)") }
        try SMTPOptions.check(smtp: smtp)
    }

    func run() throws {
        let directory = URL(fileURLWithPath: folder)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }.sorted()
        } catch {
            fail("\(folder): cannot read the folder (\(error.localizedDescription))", code: 1)
        }
        guard !names.isEmpty else { fail("\(folder): no .eml file to send; write them with `dossier mail --out \(folder)`", code: 1) }
        var items: [MessageDelivery.Item] = []
        for name in names {
            let file = directory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: file), let envelope = MessageEnvelope.read(data) else {
                fail("\(file.path): not a message with one From: and one To: address; nothing was sent", code: 1)
            }
            items.append(MessageDelivery.Item(file: file, from: from ?? envelope.from, to: envelope.to))
        }
        guard let delivery = smtpOptions.delivery(smtp: smtp, folder: folder) else { fail("--smtp \(smtp): write HOST:PORT", code: 2) }
        let unsent = delivery.deliver(items)
        if unsent > 0 {
            print("\(unsent) of \(items.count) message(s) not delivered; they stay in \(folder)")
            throw ExitCode(1)
        }
        print("sent \(items.count) message(s)")
    }
}
