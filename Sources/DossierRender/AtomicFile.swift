import Foundation

/// Writes a file under a temporary name and renames it into place only when complete,
/// so a failure never leaves a half-written output behind.
enum AtomicFile {
    static func write(to url: URL, _ body: (URL) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw RenderError.io(file: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial")
        do {
            try body(temporary)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
            try FileManager.default.moveItem(at: temporary, to: url)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let known = error as? RenderError { throw known }
            throw RenderError.io(file: url.path, reason: error.localizedDescription)
        }
    }
}
