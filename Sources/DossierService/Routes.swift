import DossierKit
import Foundation
import Hummingbird
import NIOCore
import Logging

/// The service's endpoints (described in docs/openapi.yaml).
struct Routes: Sendable {
    let configuration: ServiceConfiguration
    let pool: WorkerPool
    let metrics: ServiceMetrics
    /// The folder under which each request gets a private folder of its own.
    let scratch: URL
    let logger: Logger

    func add(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in Self.json(.ok, #"{"status":"ok"}"#) }
        router.get("/ready") { _, _ in
            await pool.hasRoom ? Self.json(.ok, #"{"status":"ready"}"#)
                : Self.json(.serviceUnavailable, #"{"status":"busy"}"#, retryAfter: retryAfter)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.text())))
        }
        router.post("/v1/validate") { request, _ in try await validate(request) }
        router.post("/v1/render") { request, _ in try await render(request) }
    }

    /// Seconds a refused client should wait: about one round of the queue.
    var retryAfter: Int { max(1, (configuration.queue + configuration.workers) / max(1, configuration.workers)) }

    static func json(_ status: HTTPResponse.Status, _ text: String, retryAfter: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// The body, at most `--max-body` bytes (413 past it), saved under fixed names in a private folder.
    func upload(_ request: Request) async throws -> UploadedConvention {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.maxBody {
            throw tooLarge
        }
        let body: ByteBuffer
        do {
            body = try await collectBody(request)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge
        } catch is NIOTooManyBytesError {
            // A chunked body has no length to check first: collecting it stops with NIO's own error.
            throw tooLarge
        } catch let error as APIError {
            throw error
        } catch {
            // A body that ends early, a bad chunk, a client gone: its fault, not the server's (this was a 500 in the
            // metrics and logs, enough to set off an alert on server errors).
            throw APIError(status: .badRequest, message: "the request body could not be read whole (it ended early or its framing is wrong)")
        }
        guard body.readableBytes > 0 else {
            throw APIError(status: .badRequest, message: "the request has no body: send the convention (YAML or JSON, or multipart/form-data)")
        }
        return try UploadedConvention(body: body, contentType: request.headers[.contentType], parent: scratch)
    }

    /// The body, which must have arrived whole within `--timeout` seconds: the idle time-out closes a connection
    /// that sends nothing, but a client trickling a byte now and then would otherwise hold its half-read upload
    /// (up to `--max-body` bytes of memory) for as long as it likes. 408 past it.
    private func collectBody(_ request: Request) async throws -> ByteBuffer {
        let limit = configuration.maxBody, seconds = configuration.timeout
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await request.body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                return nil
            }
            // The first to finish decides; the other is cancelled (collecting stops reading the connection).
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let body = first else {
                throw APIError(status: .requestTimeout, message: "the body did not arrive whole within --timeout \(seconds) s; send it again")
            }
            return body
        }
    }

    private var tooLarge: APIError {
        APIError(status: .contentTooLarge, message: "the body is larger than this server takes (--max-body \(configuration.maxBody) bytes)")
    }

    /// `POST /v1/validate`: the JSON `dossier validate --format json` prints; 200 when valid, 422 otherwise.
    func validate(_ request: Request) async throws -> Response {
        let upload = try await upload(request)
        defer { upload.remove() }
        let (report, _) = await Validation.check(upload.data, display: upload.display)
        var json = try ValidationReport.json([report])
        json.append(0x0A)
        return Response(status: report.valid ? .ok : .unprocessableContent,
                        headers: [.contentType: "application/json; charset=utf-8", .dossierOutcome: report.valid ? "valid" : "invalid"],
                        body: .init(byteBuffer: ByteBuffer(bytes: json)))
    }

    /// `POST /v1/render`: the dossiers, rendered by a child exactly as `dossier render` writes them.
    func render(_ request: Request) async throws -> Response {
        let deadline = ContinuousClock.now + .milliseconds(Int64(configuration.timeout * 1000))
        let parameters = try RenderParameters(request.uri.queryParameters)
        let upload = try await upload(request)
        let out = upload.folder.appendingPathComponent("out")
        let result = upload.folder.appendingPathComponent("result")
        let message = WorkerMessage.Request(data: upload.data.path, display: upload.display, out: out.path, result: result.path,
                                            only: parameters.only, date: parameters.date, draft: parameters.draft, format: parameters.format)
        let start = ContinuousClock.now
        let reply: WorkerMessage.Reply
        do {
            reply = try await pool.render(message, deadline: deadline)
        } catch {
            upload.remove()
            throw refusal(error, since: start)
        }
        metrics.renderDuration(start.duration(to: .now), outcome: reply.status)
        switch reply.status {
        case "ok":
            metrics.pages.increment(by: Int64(reply.pages ?? 0))
            let zip = reply.format == "zip"
            return try stream(result, folder: upload, headers: [
                .contentType: zip ? "application/zip" : "application/pdf",
                .contentDisposition: "attachment; filename=\"dossiers.\(zip ? "zip" : "pdf")\"",
                .dossierPages: String(reply.pages ?? 0), .dossierCount: String(reply.dossiers ?? 0), .dossierOutcome: "ok",
            ])
        case "invalid":
            upload.remove()
            throw APIError(status: .unprocessableContent, message: reply.message ?? "the data has errors", problems: reply.problems ?? [])
        default:
            upload.remove()
            logger.error("render failed in the child", metadata: ["reason": "\(reply.message?.prefix(200) ?? "")"])
            throw APIError(status: .internalServerError, message: "the render failed on the server; the error is in the server's log")
        }
    }

    /// The error answer for a render that did not run or did not finish.
    private func refusal(_ error: any Error, since start: ContinuousClock.Instant) -> any Error {
        switch error {
        case WorkerPool.Refusal.queueFull:
            return APIError(status: .tooManyRequests, message: "every render slot is busy and the queue is full; try again later",
                            retryAfter: retryAfter)
        case WorkerPool.Refusal.waitedTooLong:
            metrics.renderDuration(start.duration(to: .now), outcome: "timeout")
            return APIError(status: .serviceUnavailable, message: "no render slot freed within --timeout \(configuration.timeout) s; try again later",
                            retryAfter: retryAfter)
        case WorkerPool.Refusal.stopping:
            return APIError(status: .serviceUnavailable, message: "the server is stopping", retryAfter: retryAfter)
        case WorkerProcess.Failure.timedOut:
            metrics.renderDuration(start.duration(to: .now), outcome: "timeout")
            logger.warning("render timed out; its child was killed")
            return APIError(status: .serviceUnavailable, message: "the render took longer than --timeout \(configuration.timeout) s and was stopped",
                            retryAfter: retryAfter)
        case WorkerProcess.Failure.crashed(let reason):
            metrics.renderDuration(start.duration(to: .now), outcome: "crash")
            logger.error("render child died", metadata: ["reason": "\(reason)"])
            return APIError(status: .internalServerError, message: "the render stopped on the server (its process died); it was not rendered")
        default:
            logger.error("render failed", metadata: ["reason": "\(error)"])
            return APIError(status: .internalServerError, message: "the render failed on the server")
        }
    }

    /// Streams the result file in chunks, then removes the request's folder.
    private func stream(_ file: URL, folder: UploadedConvention, headers: HTTPFields) throws -> Response {
        let handle: FileHandle
        let size: Int
        do {
            handle = try FileHandle(forReadingFrom: file)
            size = Int(try handle.seekToEnd())
            try handle.seek(toOffset: 0)
        } catch {
            folder.remove()
            throw APIError(status: .internalServerError, message: "the rendered file could not be read")
        }
        // The file stays readable through the open handle once its folder is gone.
        folder.remove()
        let body = ResponseBody(contentLength: size) { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 256 * 1024), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}

/// The query of `POST /v1/render`, checked: 400 names the parameter and what is expected.
struct RenderParameters {
    var only: [String] = []
    var date: String
    var draft = false
    var format: String?

    init(_ query: Parameters) throws {
        for key in query.map({ String($0.key) }) where !["only", "date", "draft", "format"].contains(key) {
            throw APIError(status: .badRequest, message: "unknown parameter «\(key.prefix(40))»: use only, date, draft and format")
        }
        // A value given twice is refused rather than one of them taken silently (`only` takes several).
        for key in ["date", "draft", "format"] where query.getAll(key).count > 1 {
            throw APIError(status: .badRequest, message: "\(key) is given \(query.getAll(key).count) times: give it once")
        }
        let given = query.getAll("only")
        only = given.flatMap { $0.split(separator: ",").map(String.init) }
        if !given.isEmpty && only.isEmpty {
            throw APIError(status: .badRequest, message: "only= is empty: convention, projects, meeting, partners or a project code")
        }
        for code in only where code.isEmpty || code.count > 64 {
            throw APIError(status: .badRequest, message: "only=\(code.prefix(64)): convention, projects, meeting, partners or a project code")
        }
        if let value = query.get("date") {
            guard value.count == 10, Day(parsing: value) != nil else {
                throw APIError(status: .badRequest, message: "date=\(value.prefix(40)): \(Day.expected)")
            }
            date = value
        } else {
            date = Self.today()
        }
        switch query.get("draft") {
        case nil, "0", "false": draft = false
        case "1", "true": draft = true
        case let value?: throw APIError(status: .badRequest, message: "draft=\(value.prefix(40)): use 0 or 1")
        }
        switch query.get("format") {
        case nil: format = nil
        case "pdf": format = "pdf"
        case "zip": format = "zip"
        case let value?: throw APIError(status: .badRequest, message: "format=\(value.prefix(40)): use pdf or zip")
        }
    }

    static func today() -> String {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
