import Foundation

/// The fonts the renderer may use, read from `Fonts/fonts.txt`.
///
/// Lines:
/// - `search FOLDER` — a folder where font files are looked for (the manifest's own folder is searched first);
/// - `font FILE PACKAGE` — a font file, and the Debian package that ships it (named in the error when missing);
/// - `fallback FAMILY -> OTHER` — where characters FAMILY lacks are taken from, in order.
/// `#` starts a comment.
public struct FontCatalog: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var file: String
        public var package: String
    }
    public var searchFolders: [String]
    public var fonts: [Entry]
    /// Declared fallbacks, family → families in order.
    public var fallbacks: [String: [String]]
    /// Path of the manifest, for messages.
    public var manifestPath: String

    /// Reads and parses a manifest file.
    public static func load(manifest url: URL) throws -> FontCatalog {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw TextError.badManifest(file: url.path, line: 0, message: "cannot read the font manifest")
        }
        return try parse(text, manifestPath: url.path)
    }

    /// Parses manifest text; the manifest's folder is the first search folder.
    public static func parse(_ text: String, manifestPath: String) throws -> FontCatalog {
        var catalog = FontCatalog(searchFolders: [(manifestPath as NSString).deletingLastPathComponent],
                                  fonts: [], fallbacks: [:], manifestPath: manifestPath)
        for (index, rawLine) in text.components(separatedBy: "\n").enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
            if line.isEmpty { continue }
            try catalog.apply(line: line, number: index + 1)
        }
        return catalog
    }

    private mutating func apply(line: String, number: Int) throws {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch words.first {
        case "search" where words.count == 2:
            searchFolders.append(words[1])
        case "font" where words.count == 3:
            fonts.append(Entry(file: words[1], package: words[2]))
        case "fallback":
            let rest = line.dropFirst("fallback".count)
            let sides = rest.components(separatedBy: "->").map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                throw TextError.badManifest(file: manifestPath, line: number,
                                            message: "expected `fallback FAMILY -> OTHER FAMILY`")
            }
            fallbacks[sides[0], default: []].append(sides[1])
        default:
            throw TextError.badManifest(file: manifestPath, line: number,
                                        message: "expected `search FOLDER`, `font FILE PACKAGE` or `fallback A -> B`, found «\(line)»")
        }
    }

    /// Finds each declared font file in the search folders.
    /// - Throws: `TextError.missingFont` naming the package for the first file not found.
    public func resolvedFiles() throws -> [String] {
        try fonts.map { entry in
            for folder in searchFolders {
                let path = (folder as NSString).appendingPathComponent(entry.file)
                if FileManager.default.fileExists(atPath: path) { return path }
            }
            throw TextError.missingFont(file: entry.file, package: entry.package, searched: searchFolders)
        }
    }
}
