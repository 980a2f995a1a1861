import DossierKit
import Foundation
import Hummingbird

/// An error answer: its status and a JSON body `{"error": "...", "problems": [...]}` (problems located in the
/// uploaded data, as `dossier validate --format json` lists them).
struct APIError: HTTPResponseError {
    var status: HTTPResponse.Status
    var message: String
    var problems: [Problem] = []
    /// Seconds before asking again (429, 503).
    var retryAfter: Int?

    private struct Body: Encodable {
        var error: String
        var problems: [Problem]
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(Body(error: message, problems: problems))
        data.append(0x0A)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retryAfter { headers[.retryAfter] = String(retryAfter) }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
