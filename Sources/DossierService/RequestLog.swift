import Foundation
import Hummingbird
import Logging

/// One structured log line per request (method, route, status, duration, body size, outcome) and the
/// request counter by route and status. Never the request's content: conventions hold names and amounts
/// that have no place in logs.
struct RequestLog<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, route: Self.route(context), status: response.status.code, start: start,
                   extra: response.headers[.dossierOutcome])
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            record(request, route: Self.route(context), status: status, start: start,
                   extra: (error as? APIError).map { _ in "refused" } ?? "error")
            throw error
        }
    }

    /// The route the router matched, as registered (`/v1/jobs/{job}`: never a job's id, so the labels stay few),
    /// known once `next` has run; `other` for a path no route matched.
    static func route(_ context: Context) -> String {
        guard let matched = context.endpointPath, matched != "NotFound" else { return "other" }  // Hummingbird's name for none
        return matched
    }

    private func record(_ request: Request, route: String, status: Int, start: ContinuousClock.Instant, extra: String?) {
        metrics.request(route: route, status: status)
        let elapsed = start.duration(to: .now)
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": "\(request.method.rawValue)", "route": "\(route)", "status": "\(status)",
            "ms": "\(String(format: "%.1f", ms))",
        ]
        if let length = request.headers[.contentLength] { metadata["body_bytes"] = "\(length)" }
        if let extra { metadata["outcome"] = "\(extra)" }
        logger.info("request", metadata: metadata)
    }
}

/// `HTTPTypes.HTTPField.Name`, reached through the `HTTPFields` Hummingbird exports.
typealias HeaderName = HTTPFields.Element.Name

extension HeaderName {
    /// Pages of the rendered result.
    static let dossierPages = Self("X-Dossier-Pages")!
    /// Dossiers in the result.
    static let dossierCount = Self("X-Dossier-Count")!
    /// How a request ended (logged, and useful to clients): ok, invalid, …
    static let dossierOutcome = Self("X-Dossier-Outcome")!
}

/// A log handler writing one line per event: `key=value` pairs after the time, level and message, so that
/// log collectors split them without a schema.
struct OneLineLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let fields = metadata.merging(explicit ?? [:]) { $1 }
        let time = ISO8601DateFormatter().string(from: Date())
        let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }.joined(separator: " ")
        let text = "\(time) level=\(level) msg=\(Self.quoted(message.description))" + (pairs.isEmpty ? "" : " " + pairs) + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    private static func quoted(_ value: String) -> String {
        value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline })
            ? "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
            : value
    }
}
