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
    /// Bounds connecting, each wait for a reply of the server, and a stalled upload (not a whole transfer,
    /// which may take long for large messages).
    public var timeoutSeconds: Int
    public init(host: String, port: Int, security: SMTPSecurity, user: String? = nil, password: String? = nil, timeoutSeconds: Int = 20) {
        self.host = host; self.port = port; self.security = security; self.user = user; self.password = password
        self.timeoutSeconds = timeoutSeconds
    }
}

/// Why a message was not delivered.
public struct SMTPFailure: Error, Sendable, CustomStringConvertible {
    /// libcurl's message.
    public var message: String
    /// libcurl's error code.
    public var code: Int32
    /// The server could not be reached at all (no such host, connection refused, no answer in time): the
    /// messages after this one would fail the same way, each after the whole time-out.
    public var serverUnreachable: Bool {
        [CCURL_COULDNT_RESOLVE_HOST, CCURL_COULDNT_CONNECT, CCURL_OPERATION_TIMEDOUT].map { Int32($0.rawValue) }.contains(code)
    }
    public var description: String { message }
}

/// Delivers messages with libcurl's SMTP client (no hand-written SMTP, STARTTLS by OpenSSL).
public struct SMTPSender: Sendable {
    public let settings: SMTPSettings
    public init(settings: SMTPSettings) { self.settings = settings }

    /// Sends one message; returns nil on success, or why it failed.
    public func send(_ message: Data, from: String, to: String) -> SMTPFailure? {
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
        return SMTPFailure(message: String(decoding: bytes, as: UTF8.self), code: code)
    }
}
