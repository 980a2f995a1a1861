import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The outputs of one batch, written under scratch names and put in place together: when every dossier
/// of the batch has been written, `commit` renames them all; when one fails, `rollback` removes every
/// scratch file and every folder the batch created, so a failed batch leaves none of its new files.
/// Files it replaces are only touched by `commit`. Safe to use from several threads.
public final class OutputBatch: @unchecked Sendable {
    private let lock = NSLock()
    private var staged: [(scratch: URL, target: URL)] = []
    private var createdFolders: [URL] = []
    private var cleanedFolders: Set<String> = []

    public init() {}

    /// A scratch file to write `target`'s content to. Checks first that `target` may be replaced, creates
    /// its folder, and clears the folder of stale scratch files left by killed runs.
    public func stage(_ target: URL) throws -> URL {
        try OutputFile.checkReplaceable(target)
        let folder = target.deletingLastPathComponent()
        let created = try OutputFile.makeFolders(folder)
        let scratch = OutputFile.scratchURL(for: target)
        lock.lock(); defer { lock.unlock() }
        createdFolders += created
        if cleanedFolders.insert(folder.standardizedFileURL.path).inserted { OutputFile.removeStaleScratch(in: folder) }
        staged.append((scratch, target))
        return scratch
    }

    /// Puts every staged file in place. The targets are checked again first, so that a batch whose outputs
    /// cannot all be replaced replaces none; a rename that still fails rolls the rest back.
    public func commit() throws {
        lock.lock(); defer { lock.unlock() }
        do {
            for entry in staged { try OutputFile.checkReplaceable(entry.target) }
            try FailurePoint.check("commit")
            while let entry = staged.first {
                try OutputFile.commit(entry.scratch, to: entry.target)
                staged.removeFirst()
            }
        } catch {
            removeScratchFiles()
            throw error
        }
    }

    /// Removes every scratch file, and the folders this batch created if they are empty.
    public func rollback() {
        lock.lock(); defer { lock.unlock() }
        removeScratchFiles()
    }

    private func removeScratchFiles() {
        for entry in staged { unlink(entry.scratch.path) }
        staged = []
        // Innermost first; rmdir(2) leaves a folder that holds anything (another run's files, say).
        for folder in createdFolders.reversed() { rmdir(folder.path) }
        createdFolders = []
    }
}
