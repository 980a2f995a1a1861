import Foundation
import Hummingbird

/// The optional access token (`dossier serve --token-env VAR`): with one, every request but the probes, the
/// metrics and the page's static files must carry it, as `Authorization: Bearer TOKEN` (other systems) or the
/// cookie the page sets (people). Opening `/?token=TOKEN` once sets that cookie (HttpOnly, SameSite=Strict)
/// and leads to `/` without the token in the address; `/` without it shows a form asking for it.
struct AccessToken<Context: RequestContext>: RouterMiddleware {
    let token: String
    let assets: WebAssets
    static var cookie: String { "dossier_token" }
    /// Paths anyone may reach: probes and metrics (for the platform), the page's stylesheet, script and fonts.
    static func isOpen(_ path: String) -> Bool {
        ["/health", "/ready", "/metrics"].contains(path) || path.hasPrefix("/static/")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        if Self.isOpen(path) || carries(request) { return try await next(request, context) }
        if path == "/", let given = request.uri.queryParameters.get("token") {
            guard Self.same(given, token) else { return loginPage(wrong: true) }
            return Response(status: .seeOther, headers: [
                .location: "/",
                .setCookie: "\(Self.cookie)=\(Self.cookieValue(token)); Path=/; HttpOnly; SameSite=Strict",
            ])
        }
        if path == "/" { return loginPage(wrong: false) }
        throw APIError(status: .unauthorized, message: "this server needs its access token: send Authorization: Bearer TOKEN")
    }

    private func carries(_ request: Request) -> Bool {
        // The scheme name is case-insensitive (RFC 9110, 11.1).
        if let authorization = request.headers[.authorization], authorization.lowercased().hasPrefix("bearer ") {
            return Self.same(String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces), token)
        }
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == Self.cookie, Self.same(String(parts[1]), Self.cookieValue(token)) { return true }
            }
        }
        return false
    }

    private func loginPage(wrong: Bool) -> Response {
        let html = assets.render("login", ["wrong": wrong])
        return Response(status: .unauthorized, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The token as a cookie value (percent-encoded: a token may hold characters a cookie cannot).
    static func cookieValue(_ token: String) -> String {
        token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// Compares in time independent of where the two first differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
