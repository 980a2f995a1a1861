import CCurl
import Foundation

/// How a delivery uses TLS.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Plain SMTP (a local relay).
    case none
    /// STARTTLS when the server offers it.
    case optional
    /// STARTTLS or fail.
    case required
}

/// Where and how messages are delivered.
public struct SMTPSettings: Sendable {
    public var host: String
    public var port: Int
    public var security: SMTPSecurity
    public var user: String?
    public var password: String?
    public var timeoutSeconds: Int
    public init(host: String, port: Int, security: SMTPSecurity, user: String? = nil, password: String? = nil, timeoutSeconds: Int = 30) {
        self.host = host; self.port = port; self.security = security; self.user = user; self.password = password
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Delivers messages with libcurl's SMTP client (no hand-written SMTP, STARTTLS by OpenSSL).
public struct SMTPSender: Sendable {
    public let settings: SMTPSettings
    public init(settings: SMTPSettings) { self.settings = settings }

    /// Sends one message; returns nil on success, or why it failed.
    public func send(_ message: Data, from: String, to: String) -> String? {
        let url = "smtp://\(settings.host):\(settings.port)"
        let tls: Int32
        switch settings.security {
        case .none: tls = Int32(CCURL_TLS_NONE.rawValue)
        case .optional: tls = Int32(CCURL_TLS_TRY.rawValue)
        case .required: tls = Int32(CCURL_TLS_REQUIRED.rawValue)
        }
        var error = [CChar](repeating: 0, count: 256)
        let code = message.withUnsafeBytes { buffer in
            ccurl_smtp_send(url, "<\(from)>", "<\(to)>", buffer.bindMemory(to: CChar.self).baseAddress, message.count,
                            settings.user, settings.password, tls, settings.timeoutSeconds, &error)
        }
        guard code != 0 else { return nil }
        let bytes = error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
