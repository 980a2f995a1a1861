import Hummingbird

/// Headers every answer carries, and a JSON message for what no route answers.
///
/// The page fills results with `textContent` and loads nothing from elsewhere; these headers say so to the
/// browser as well: no MIME sniffing, no framing by another site (clickjacking a «remove my data» button),
/// no referrer leaving with a job's address. A path or method no route takes gets the same JSON error shape
/// as every other 4xx, not an empty body.
struct ResponseHardening<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            try Self.refuseCrossSite(request)
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            response = try APIError(status: .notFound, message: "no such endpoint: \(request.method) \(request.uri.path.prefix(80)) "
                                    + "(see docs/openapi.yaml)").response(from: request, context: context)
        } catch let error as HTTPResponseError {
            // Made an answer here, not after the middleware, so that error answers (400, 401, 413, 429…) carry these
            // headers too: they did not. The request log reads the outcome from the answer now.
            response = try error.response(from: request, context: context)
            if response.headers[.dossierOutcome] == nil { response.headers[.dossierOutcome] = error is APIError ? "refused" : "error" }
        }
        // A partner's data and dossiers are not kept by browsers or proxies: every answer but the page's own files
        // (which say how long they keep) is not to be stored.
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'"
        return response
    }

    /// A browser sends `Origin` with every cross-site POST or DELETE: another site's page must not upload to,
    /// render with or delete from this server in a staff member's browser (a form post needs no CORS consent).
    /// Other systems (curl, services) send no `Origin` and are not concerned; the page's own requests are same-origin.
    static func refuseCrossSite(_ request: Request) throws {
        guard [.post, .delete, .put, .patch].contains(request.method),
              let origin = request.headers[.origin], let host = request.head.authority else { return }
        let originHost = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init)
        guard originHost?.lowercased() != host.lowercased() else { return }
        throw APIError(status: .forbidden, message: "cross-site request refused: this server takes uploads from its own page only "
                       + "(Origin \(origin.prefix(80)) is not \(host.prefix(80)))")
    }
}
