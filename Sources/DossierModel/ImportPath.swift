import Foundation

/// Where the CSV files `imports` names may be: in the data file's folder or below it. A path that leads
/// out (`../…`, an absolute path) is refused without touching the file system, and a file reached through
/// a symbolic link must still be inside the folder, so that a data file never makes `dossier` read, or
/// quote in its messages, a file it was not given.
enum ImportPath {
    /// The file `relative` names in `folder`, or nil after reporting why it is refused on `path`.
    static func resolve(_ relative: String, in folder: URL, log: ProblemLog, path: String) -> URL? {
        guard let components = inside(relative) else {
            log.unreadable(path, "«\(shown(relative))» is outside the data file's folder; CSV files must be in that folder or below it")
            return nil
        }
        let url = components.reduce(folder) { $0.appendingPathComponent($1) }
        let real = url.resolvingSymlinksInPath(), realFolder = folder.resolvingSymlinksInPath()
        guard isInside(real.standardizedFileURL.path, folder: realFolder.standardizedFileURL.path) else {
            log.unreadable(path, "«\(shown(relative))» is a link to a file outside the data file's folder; copy the file into the folder instead")
            return nil
        }
        return url
    }

    /// The path's components once `.` and `..` are applied, or nil when it is absolute or climbs above its start.
    static func inside(_ relative: String) -> [String]? {
        guard !relative.hasPrefix("/"), !relative.hasPrefix("~") else { return nil }
        var components: [String] = []
        for component in relative.split(separator: "/") where component != "." {
            if component == ".." {
                guard components.popLast() != nil else { return nil }
            } else {
                components.append(String(component))
            }
        }
        return components
    }

    /// Whether the file system path `inner` is inside the folder `outer`.
    private static func isInside(_ inner: String, folder outer: String) -> Bool {
        inner.hasPrefix(outer.hasSuffix("/") ? outer : outer + "/")
    }
}
