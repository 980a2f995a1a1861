import DossierKit
import Foundation
import Hummingbird

/// The web page for the province's staff (`GET /`) and the JSON API it uses (`/v1/jobs…`, in docs/openapi.yaml):
/// an upload is checked in the server (problems first, nothing rendered), a valid one is kept as a job whose
/// previews and downloads are rendered by the render children.
struct WebRoutes: Sendable {
    let routes: Routes
    let jobs: WebJobs
    let renderer: WebRenderer
    let assets: WebAssets

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { _, _ in page() }
        for name in WebAssets.staticFiles.keys { router.get("/static/\(name)") { _, _ in try asset(name) } }
        for folder in ["templates", "fonts"] {
            router.get("/static/\(folder)/:name") { _, context in try asset(context.parameters.get("name").map { "\(folder)/\($0)" }) }
        }
        router.post("/v1/jobs") { request, _ in try await create(request) }
        router.get("/v1/jobs/:job") { _, context in try await describe(context) }
        router.delete("/v1/jobs/:job") { _, context in
            await jobs.remove(try await job(context).id)
            return Response(status: .noContent)
        }
        router.get("/v1/jobs/:job/pages/:page") { request, context in try await preview(request, context) }
        router.post("/v1/jobs/:job/downloads") { request, context in try await startDownload(request, context) }
        router.get("/v1/jobs/:job/downloads/:download") { _, context in try await downloadStatus(context) }
        router.get("/v1/jobs/:job/downloads/:download/file") { _, context in try await downloadFile(context) }
    }

    private func page() -> Response {
        let html = assets.render("page", [
            "today": RenderParameters.today(),
            "maxBodyMB": String(format: "%.1f", Double(routes.configuration.maxBody) / 1_048_576),
            "keptMinutes": Int(routes.configuration.jobTimeToLive / 60),
        ])
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    private func asset(_ name: String?) throws -> Response {
        guard let name, let file = assets.files[name] else { throw APIError(status: .notFound, message: "no such file") }
        return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "max-age=3600"],
                        body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }

    /// The job's JSON: its id, the summary, its dossiers and the warnings.
    private struct JobBody: Encodable {
        var id: String
        var summary: WebSummary
        var warnings: [Problem]
    }

    /// `POST /v1/jobs`: 201 with the job of valid data; 422 with every problem (errors and warnings), nothing kept.
    private func create(_ request: Request) async throws -> Response {
        let upload = try await routes.upload(request)
        let (report, result) = await Validation.check(upload.data, display: upload.display)
        guard report.valid, let convention = result.convention else {
            upload.remove()
            throw APIError(status: .unprocessableContent, message: "the data has errors", problems: report.problems)
        }
        let summary = WebSummary(convention)
        let id = await jobs.add(upload, summary: summary)
        return try Self.json(.created, JobBody(id: id, summary: summary, warnings: result.warnings), outcome: "valid")
    }

    private func describe(_ context: BasicRequestContext) async throws -> Response {
        let (id, job) = try await job(context)
        return try Self.json(.ok, JobBody(id: id, summary: job.summary, warnings: []))
    }

    /// `GET /v1/jobs/{job}/pages/{page}?date=`: one page of the convention dossier as PNG.
    private func preview(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (id, job) = try await job(context)
        guard let page = context.parameters.get("page").flatMap(Int.init), (1...100_000).contains(page) else {
            throw APIError(status: .badRequest, message: "page: a page number from 1")
        }
        let date = try Self.date(request)
        let preview: (file: URL?, count: Int)
        do {
            preview = try await renderer.preview(jobID: id, job: job, date: date, page: page)
        } catch let failure as WebRenderer.Failure {
            throw APIError(status: .serviceUnavailable, message: failure.message, retryAfter: routes.retryAfter)
        } catch is WebJobs.Gone {
            throw Self.noJob
        }
        guard let file = preview.file, let data = try? Data(contentsOf: file) else {
            throw APIError(status: .notFound, message: "the convention dossier has \(preview.count) pages")
        }
        return Response(status: .ok, headers: [.contentType: "image/png", .dossierPageCount: String(preview.count), .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `POST /v1/jobs/{job}/downloads?dossier=&date=`: starts making a download; 202 with its id and progress.
    private func startDownload(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let (id, job) = try await job(context)
        let date = try Self.date(request)
        let wanted = request.uri.queryParameters.get("dossier") ?? ""
        let selection: WebRenderer.Selection
        let download: WebJobs.Download
        let reference = FileName.sanitized(job.summary.reference)
        switch wanted {
        case "all":
            selection = .all
            download = .init(total: job.summary.dossiers.count, fileName: "dossiers-\(reference)-\(date).zip", contentType: "application/zip")
        case "packets":
            selection = .packets
            download = .init(total: 1, fileName: "partners-\(reference)-\(date).zip", contentType: "application/zip")
        default:
            guard let dossier = job.summary.dossiers.first(where: { $0.id == wanted }) else {
                throw APIError(status: .badRequest, message: "dossier=\(wanted.prefix(64)): all, packets or a dossier id of the job")
            }
            selection = .dossier(dossier)
            download = .init(total: 1, fileName: dossier.id.replacingOccurrences(of: "/", with: "-") + ".pdf", contentType: "application/pdf")
        }
        guard let downloadID = await jobs.startDownload(id, download) else { throw Self.noJob }
        let renderer = self.renderer
        Task { await renderer.run(selection, jobID: id, downloadID: downloadID, job: job, date: date) }
        return try Self.json(.accepted, DownloadBody(id: downloadID, job: id, download: download))
    }

    private struct DownloadBody: Encodable {
        var id: String
        var state: String
        var done: Int
        var total: Int
        var message: String?
        var file: String?
        var fileName: String

        init(id: String, job: String, download: WebJobs.Download) {
            self.id = id
            state = download.state.rawValue
            done = download.done
            total = download.total
            message = download.message
            file = download.state == .done ? "/v1/jobs/\(job)/downloads/\(id)/file" : nil
            fileName = download.fileName
        }
    }

    private func downloadStatus(_ context: BasicRequestContext) async throws -> Response {
        let (id, downloadID, download) = try await self.download(context)
        return try Self.json(.ok, DownloadBody(id: downloadID, job: id, download: download))
    }

    private func downloadFile(_ context: BasicRequestContext) async throws -> Response {
        let (_, _, download) = try await self.download(context)
        guard download.state == .done, let file = download.file, let data = try? Data(contentsOf: file) else {
            throw APIError(status: .conflict, message: download.state == .failed ? download.message ?? "the download failed" : "the download is not ready yet")
        }
        return Response(status: .ok, headers: [
            .contentType: download.contentType, .contentDisposition: Self.attachment(download.fileName), .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func job(_ context: BasicRequestContext) async throws -> (id: String, job: WebJobs.Job) {
        guard let id = context.parameters.get("job"), let job = await jobs.job(id) else { throw Self.noJob }
        return (id, job)
    }

    private func download(_ context: BasicRequestContext) async throws -> (String, String, WebJobs.Download) {
        let (id, _) = try await job(context)
        guard let downloadID = context.parameters.get("download"), let download = await jobs.download(id, downloadID) else {
            throw APIError(status: .notFound, message: "no such download (downloads are removed with their job)")
        }
        return (id, downloadID, download)
    }

    /// `attachment` with the name in ASCII for old clients and whole in UTF-8 (RFC 6266): codes may be Arabic.
    static func attachment(_ name: String) -> String {
        let ascii = String(name.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || "0123456789.-_".unicodeScalars.contains($0)) ? Character($0) : "_" })
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static let noJob = APIError(status: .notFound, message: "no such job: it was removed, or kept longer than the server keeps uploads; upload the data again")

    /// `date=YYYY-MM-DD`, today (UTC) when absent.
    static func date(_ request: Request) throws -> String {
        guard let value = request.uri.queryParameters.get("date") else { return RenderParameters.today() }
        guard value.count == 10, Day(parsing: value) != nil else {
            throw APIError(status: .badRequest, message: "date=\(value.prefix(40)): \(Day.expected)")
        }
        return value
    }

    static func json(_ status: HTTPResponse.Status, _ value: some Encodable, outcome: String? = nil) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        if let outcome { headers[.dossierOutcome] = outcome }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension HeaderName {
    /// The number of pages of the previewed dossier.
    static let dossierPageCount = Self("X-Dossier-Page-Count")!
}
