import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a file really lies inside a folder once symbolic links are followed: a link inside the
/// layouts folder pointing elsewhere must not let a layout read files from outside it.
enum FolderContainment {
    /// The path with every symbolic link resolved (realpath(3)), nil when it does not exist.
    static func realPath(_ url: URL) -> String? {
        guard let resolved = realpath(url.path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// True when `file` exists and, links followed, is inside `folder` (links followed too).
    static func contains(_ folder: URL, _ file: URL) -> Bool {
        guard let folderPath = realPath(folder), let filePath = realPath(file) else { return false }
        let prefix = folderPath.hasSuffix("/") ? folderPath : folderPath + "/"
        return filePath.hasPrefix(prefix)
    }
}
