import Foundation
import Mustache

/// The web page's templates and files, read once at start from the project folder: `Web/*.mustache`, the
/// stylesheet and script in `Web/static/`, the CSV templates in `Web/templates/`, and the interface fonts from
/// the folders `Fonts/fonts.txt` names (no asset comes from the internet). Files are served by fixed names
/// from these tables; a request's path is looked up, never joined to a folder.
struct WebAssets: Sendable {
    struct File: Sendable {
        var data: Data
        var contentType: String
    }

    let library: MustacheLibrary
    /// `/static/<name>` → file.
    let files: [String: File]

    static let staticFiles = ["page.css": "text/css; charset=utf-8", "page.js": "text/javascript; charset=utf-8"]
    /// The CSV import templates, made from the sample (`Examples/taounate-2016`).
    static let templates = ["convention-csv.yaml": "application/yaml; charset=utf-8", "projects.csv": "text/csv; charset=utf-8",
                            "financing.csv": "text/csv; charset=utf-8"]
    /// The interface's fonts, among those `Fonts/fonts.txt` declares.
    static let fonts = ["NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"]

    /// Reads everything; throws naming the file that is missing, so that a server without its page never listens.
    static func load(root: URL) async throws -> WebAssets {
        let web = root.appendingPathComponent("Web")
        let library = try await MustacheLibrary(directory: web.path)
        for name in ["page", "login"] where library.getTemplate(named: name) == nil {
            throw MissingAsset(path: "Web/\(name).mustache")
        }
        var files: [String: File] = [:]
        for (name, type) in staticFiles { files[name] = File(data: try read(web.appendingPathComponent("static/" + name)), contentType: type) }
        for (name, type) in templates {
            files["templates/" + name] = File(data: try read(web.appendingPathComponent("templates/" + name)), contentType: type)
        }
        // The sample itself, for a first try of the page.
        files["templates/taounate-2016.yaml"] = File(data: try read(root.appendingPathComponent("Examples/taounate-2016/convention.yaml")),
                                                     contentType: "application/yaml; charset=utf-8")
        let folders = try fontFolders(manifest: root.appendingPathComponent("Fonts/fonts.txt"))
        for name in fonts {
            guard let url = folders.map({ $0.appendingPathComponent(name) }).first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
                throw MissingAsset(path: name + " (in the folders of Fonts/fonts.txt; install fonts-noto-core)")
            }
            files["fonts/" + name] = File(data: try read(url), contentType: "font/ttf")
        }
        return WebAssets(library: library, files: files)
    }

    /// The `search` folders of the font manifest.
    static func fontFolders(manifest: URL) throws -> [URL] {
        try String(contentsOf: manifest, encoding: .utf8).split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            return words.count == 2 && words[0] == "search" ? URL(fileURLWithPath: String(words[1])) : nil
        }
    }

    private static func read(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch { throw MissingAsset(path: url.path) }
    }

    /// The page rendered from its template.
    func render(_ template: String, _ values: [String: Any]) -> String {
        library.render(values, withTemplate: template) ?? ""
    }

    struct MissingAsset: Error, CustomStringConvertible {
        var path: String
        var description: String { "the web page's file \(path) is missing" }
    }
}
