import ArgumentParser
import DossierKit
import Foundation

/// The SMTP options `mail --smtp` and `send` share: one definition, one check, one message each.
struct SMTPOptions: ParsableArguments {
    @Option(help: "TLS: none, optional (STARTTLS when offered) or required (default: required with credentials, else optional).")
    var tls: String?

    @Option(help: "Seconds to wait for the SMTP server to connect or to answer (1 to 600).")
    var timeout: Int = 20

    func validate() throws {
        guard (1...600).contains(timeout) else { throw ValidationError("--timeout is a number of seconds from 1 to 600") }
        if let tls, SMTPSecurity(rawValue: tls) == nil { throw ValidationError("--tls is none, optional or required") }
    }

    /// `HOST:PORT`, or nil when it is not one.
    static func hostPort(_ text: String) -> (String, Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) else { return nil }
        let host = String(text[..<colon])
        return host.isEmpty ? nil : (host, port)
    }

    /// Checks a `--smtp` value.
    static func check(smtp: String) throws {
        if hostPort(smtp) == nil { throw ValidationError("--smtp \(smtp): write HOST:PORT, e.g. smtp.example.org:587") }
    }

    /// Delivery through `smtp` (already checked) with these options; `folder` is where the messages stay.
    func delivery(smtp: String, folder: String) -> MessageDelivery? {
        guard let (host, port) = Self.hostPort(smtp) else { return nil }
        return MessageDelivery(host: host, port: port, tls: tls, timeout: timeout, folder: folder) { print($0) }
    }
}
