import ArgumentParser
import DossierKit
import Foundation

/// `dossier send`: sends the `.eml` files a `dossier mail` run wrote (again, after a failed delivery).
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
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

    @Option(help: "TLS: none, optional (STARTTLS when offered) or required (default: required with credentials, else optional).")
    var tls: String?

    @Option(help: "Envelope sender address (default: each message's From: address).")
    var from: String?

    @Option(help: "Seconds to wait for the SMTP server to connect or to answer (1 to 600).")
    var timeout: Int = 20

    func validate() throws {
        if let from, let problem = MailAddress.problem(from) { throw ValidationError("--from \(from.debugDescription): \(problem)") }
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout is a number of seconds from 1 to 600") }
        if Mail.hostPort(smtp) == nil { throw ValidationError("--smtp \(smtp): write HOST:PORT, e.g. smtp.example.org:587") }
        if let tls, SMTPSecurity(rawValue: tls) == nil { throw ValidationError("--tls is none, optional or required") }
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
        guard let (host, port) = Mail.hostPort(smtp) else { fail("--smtp \(smtp): write HOST:PORT", code: 2) }
        let delivery = MessageDelivery(host: host, port: port, tls: tls, timeout: timeout, folder: folder) { print($0) }
        let unsent = delivery.deliver(items)
        if unsent > 0 {
            print("\(unsent) of \(items.count) message(s) not delivered; they stay in \(folder)")
            throw ExitCode(1)
        }
        print("sent \(items.count) message(s)")
    }
}
