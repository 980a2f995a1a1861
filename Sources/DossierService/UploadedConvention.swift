import Foundation
import Hummingbird
import MultipartKit

/// A request's data saved in a private folder under fixed names: `convention.yaml` or `convention.json`,
/// and, from a multipart upload, `projects.csv` and `financing.csv`. Nothing the client sends (file names,
/// paths) becomes a path; a convention whose `imports` names other files gets a located problem, because
/// only these files exist in its folder (and `imports` cannot lead out of it).
struct UploadedConvention {
    /// The request's private folder (removed by `remove()`).
    let folder: URL
    let data: URL
    /// The name the client gave the data file (a multipart part's `filename`), made safe to print (`shownName`).
    private var uploadedName: String? = nil
    /// The data file's name in problems: the uploaded file's, so that the staff see the name of the file they chose,
    /// else the fixed name it is saved under.
    var display: String { uploadedName ?? data.lastPathComponent }

    /// The parts a multipart upload may have, and the fixed name each is saved under.
    static let parts = ["convention": "", "projects": "projects.csv", "financing": "financing.csv"]

    /// Saves `body` (YAML, JSON, or multipart/form-data) into a new folder under `parent`.
    init(body: ByteBuffer, contentType: String?, parent: URL) throws {
        folder = parent.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        do {
            let type = (contentType ?? "").lowercased()
            if type.hasPrefix("multipart/form-data") {
                (data, uploadedName) = try Self.saveMultipart(body, contentType: contentType ?? "", in: folder)
            } else {
                guard let name = Self.dataName(contentType: type, body: Data(buffer: body)) else {
                    throw APIError(status: .unsupportedMediaType,
                                   message: "send the convention as application/yaml, application/json or multipart/form-data (Content-Type: \(contentType ?? "none"))")
                }
                data = folder.appendingPathComponent(name)
                try Data(buffer: body).write(to: data)
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// `convention.json` or `convention.yaml` from the media type (or, without one, from the first character).
    static func dataName(contentType: String, body: Data) -> String? {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        switch media {
        case "application/json", "text/json": return "convention.json"
        case "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain": return "convention.yaml"
        case "", "application/octet-stream":
            let first = body.first { !(" \t\r\n" as String).utf8.contains($0) }
            return first == UInt8(ascii: "{") ? "convention.json" : "convention.yaml"
        default: return nil
        }
    }

    /// `name` as problems may show it: its last path component, without control or format characters (bidi
    /// overrides among them), at most 80 characters; nil when nothing is left.
    static func shownName(_ name: String?) -> String? {
        guard let name else { return nil }
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = last.unicodeScalars.filter {
            switch $0.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator: return false
            default: return true
            }
        }
        let shown = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        guard !shown.isEmpty, shown != ".", shown != ".." else { return nil }
        return shown.count > 80 ? String(shown.prefix(80)) + "…" : shown
    }

    /// Saves the parts; returns the data file and the name the client gave it.
    private static func saveMultipart(_ body: ByteBuffer, contentType: String, in folder: URL) throws -> (URL, String?) {
        guard let boundary = boundary(of: contentType) else {
            throw APIError(status: .badRequest, message: "multipart/form-data without a boundary parameter")
        }
        // RFC 2046: 1 to 70 characters. MultipartKit traps on an empty one (`boundary=""`), which ended the server.
        guard (1...70).contains(boundary.utf8.count) else {
            throw APIError(status: .badRequest, message: "the multipart boundary must be 1 to 70 characters long")
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: ByteBuffer)] = []
        var headers: [(String, String)] = []
        var current = ByteBuffer()
        parser.onHeader = { headers.append(($0, $1)) }
        parser.onBody = { current.writeBuffer(&$0) }
        parser.onPartComplete = {
            parts.append((headers, current))
            headers = []
            current = ByteBuffer()
        }
        do {
            try parser.execute(body)
        } catch {
            throw APIError(status: .badRequest, message: "the multipart body cannot be read: \(error)")
        }
        var saved: [String: URL] = [:]
        var dataFile: URL?
        var dataName: String?
        for part in parts {
            let disposition = part.headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            guard let name = parameter("name", in: disposition), let fixed = Self.parts[name] else {
                throw APIError(status: .badRequest,
                               message: "unexpected multipart part «\(parameter("name", in: disposition)?.prefix(40) ?? "")»: send convention (YAML or JSON), and optionally projects and financing (CSV)")
            }
            guard saved[name] == nil else { throw APIError(status: .badRequest, message: "the part «\(name)» is sent twice") }
            var fileName = fixed
            if name == "convention" {
                let partType = part.headers.first { $0.0.lowercased() == "content-type" }?.1.lowercased() ?? ""
                let uploadedName = parameter("filename", in: disposition)?.lowercased() ?? ""
                fileName = uploadedName.hasSuffix(".json") ? "convention.json"
                    : Self.dataName(contentType: partType, body: Data(buffer: part.body)) ?? "convention.yaml"
            }
            let url = folder.appendingPathComponent(fileName)
            try Data(buffer: part.body).write(to: url)
            saved[name] = url
            if name == "convention" {
                dataFile = url
                dataName = shownName(parameter("filename", in: disposition))
            }
        }
        guard let dataFile else {
            throw APIError(status: .badRequest, message: "the multipart body has no «convention» part (the YAML or JSON data)")
        }
        return (dataFile, dataName)
    }

    static func boundary(of contentType: String) -> String? { parameter("boundary", in: contentType) }

    /// A `key=value` or `key="value"` parameter of a header value.
    static func parameter(_ key: String, in header: String) -> String? {
        for item in header.split(separator: ";") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}
