import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why an output could not be written: the file, and what went wrong in words.
public struct OutputError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var reason: String
    public init(file: String, reason: String) { self.file = file; self.reason = reason }
    public var description: String { "\(file): \(reason)" }
}

/// Output files written safely. Each is written under a scratch name unique to the process and the call
/// (`.<name>.<pid>-<random>.dossier-scratch`, in the target's folder so that the final step is one
/// rename(2) on one file system), then renamed over the target in one step: a reader, or another render
/// into the same folder, sees the old file or the new one, never a part. Only regular files are replaced:
/// a device, a FIFO, a directory or a symbolic link at the target is refused.
public enum OutputFile {
    /// The end of every scratch name, so that stale ones can be told from anything else.
    public static let scratchSuffix = ".dossier-scratch"
    /// Scratch files older than this were left by a run that was killed: no render takes an hour per file.
    public static let staleAge: TimeInterval = 3600

    /// A new scratch name next to `target`.
    public static func scratchURL(for target: URL) -> URL {
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        let name = ".\(target.lastPathComponent).\(getpid())-\(random)\(scratchSuffix)"
        return target.deletingLastPathComponent().appendingPathComponent(name)
    }

    /// Throws unless `target` is absent or a regular file (not followed if it is a link).
    public static func checkReplaceable(_ target: URL) throws {
        var info = stat()
        guard lstat(target.path, &info) == 0 else { return }
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFLNK: kind = "a symbolic link"
        case S_IFDIR: kind = "a directory"
        case S_IFCHR: kind = "a character device"
        case S_IFBLK: kind = "a block device"
        case S_IFIFO: kind = "a FIFO (named pipe)"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a regular file"
        }
        throw OutputError(file: target.path, reason: "it is \(kind); dossier only replaces regular files, so choose another output path")
    }

    /// Renames `scratch` over `target` in one step, after checking that `target` may be replaced.
    public static func commit(_ scratch: URL, to target: URL) throws {
        try checkReplaceable(target)
        guard rename(scratch.path, target.path) == 0 else {
            throw OutputError(file: target.path, reason: "cannot put the file in place: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes `body`'s output to `target`: `body` writes the scratch file it is given; the scratch file is
    /// renamed into place when `body` returns, and removed when it throws.
    public static func write(to target: URL, _ body: (URL) throws -> Void) throws {
        try checkReplaceable(target)
        _ = try makeFolders(target.deletingLastPathComponent())
        let scratch = scratchURL(for: target)
        do {
            try body(scratch)
            try FailurePoint.check("before-rename")
            try commit(scratch, to: target)
        } catch {
            unlink(scratch.path)
            throw error
        }
    }

    /// Writes `data` to `target` (see `write(to:_:)`).
    public static func write(_ data: Data, to target: URL) throws {
        try write(to: target) { scratch in
            do { try data.write(to: scratch) } catch {
                throw OutputError(file: target.path, reason: "cannot write: \(error.localizedDescription)")
            }
        }
    }

    /// Creates `folder` and its missing parents; returns the folders created, outermost first. Another
    /// process creating the same folder at the same time is not an error.
    public static func makeFolders(_ folder: URL) throws -> [URL] {
        var missing: [URL] = []
        var current = folder.standardizedFileURL
        while !isDirectory(current) && current.path != "/" {
            missing.insert(current, at: 0)
            current = current.deletingLastPathComponent()
        }
        for url in missing where mkdir(url.path, 0o777) != 0 && !(errno == EEXIST && isDirectory(url)) {
            throw OutputError(file: url.path, reason: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
        return missing
    }

    static func isDirectory(_ url: URL) -> Bool {
        var info = stat()
        return stat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Whether `name` is one of dossier's scratch names (including those of earlier versions).
    public static func isScratchName(_ name: String) -> Bool {
        guard name.hasPrefix(".") else { return false }
        if name.hasSuffix(scratchSuffix) || name.hasSuffix(".cairo") { return true }
        // Earlier versions: `.<name>.<pid>.partial` and `.<name>.<pid>.sealing`.
        let parts = name.split(separator: ".")
        return parts.count >= 3 && ["partial", "sealing"].contains(parts.last!) && parts[parts.count - 2].allSatisfy(\.isNumber)
    }

    /// Removes the scratch files in `folder` that runs killed before they could clean up left behind:
    /// only regular files with a scratch name, and only those older than `staleAge` (a running render's
    /// scratch files are younger). Returns how many were removed.
    @discardableResult
    public static func removeStaleScratch(in folder: URL, now: Date = Date()) -> Int {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names where isScratchName(name) {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            if now.timeIntervalSince(modified) > staleAge, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }
}
