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
            response = try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && error.body == nil {
            response = try APIError(status: .notFound, message: "no such endpoint: \(request.method) \(request.uri.path.prefix(80)) "
                                    + "(see docs/openapi.yaml)").response(from: request, context: context)
        }
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' blob: data:; frame-ancestors 'none'"
        return response
    }
}
