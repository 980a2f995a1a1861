import DossierMail
import Foundation

/// Sends saved messages one by one, for `mail --smtp` and `send`. A refused message does not stop the others,
/// but a server that cannot be reached stops the sending: every later message would wait out the whole
/// time-out to fail the same way. Every message stays where it is, to be sent again. `report` gets one line
/// per message (sent, failed or not sent).
public struct MessageDelivery {
    /// A saved message and its envelope.
    public struct Item: Sendable {
        public var file: URL, from: String, to: String
        public init(file: URL, from: String, to: String) { self.file = file; self.from = from; self.to = to }
    }

    let sender: SMTPSender
    let server: String
    let folder: String
    let report: (String) -> Void

    /// Delivery through `host:port`; credentials come from the environment (`DOSSIER_SMTP_USER`,
    /// `DOSSIER_SMTP_PASSWORD`); TLS is required with credentials unless `tls` says otherwise.
    public init(host: String, port: Int, tls: String?, timeout: Int, folder: String, report: @escaping (String) -> Void) {
        sender = Self.sender(host: host, port: port, tls: tls, timeout: timeout)
        server = "\(host):\(port)"
        self.folder = folder
        self.report = report
    }

    /// Sends `items`; returns how many were not delivered.
    public func deliver(_ items: [Item]) -> Int {
        var unsent = 0
        for (index, item) in items.enumerated() {
            let bytes = (try? Data(contentsOf: item.file)) ?? Data()
            guard let failure = sender.send(bytes, from: item.from, to: item.to) else {
                report("sent \(item.file.lastPathComponent) to \(item.to)")
                continue
            }
            unsent += 1
            report("FAILED \(item.file.lastPathComponent) to \(item.to): \(failure) (the message stays in \(folder))")
            guard failure.serverUnreachable else { continue }
            let rest = items[(index + 1)...]
            report("stopped: the server \(server) cannot be reached (\(failure)); \(rest.count) more message(s) not sent")
            for skipped in rest {
                report("NOT SENT \(skipped.file.lastPathComponent) to \(skipped.to) (the message stays in \(folder))")
            }
            return unsent + rest.count
        }
        return unsent
    }

    /// The SMTP settings of `--smtp HOST:PORT --tls … --timeout …`, credentials from the environment.
    private static func sender(host: String, port: Int, tls: String?, timeout: Int) -> SMTPSender {
        let environment = ProcessInfo.processInfo.environment
        let user = environment["DOSSIER_SMTP_USER"], password = environment["DOSSIER_SMTP_PASSWORD"]
        let security = tls.flatMap(SMTPSecurity.init(rawValue:)) ?? (user != nil ? .required : .optional)
        return SMTPSender(settings: SMTPSettings(host: host, port: port, security: security, user: user, password: password,
                                                 timeoutSeconds: timeout))
    }
}
