import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The outputs of one batch, written under scratch names and put in place together: when every dossier
/// of the batch has been written, `commit` renames them all; when one fails, `rollback` removes every
/// scratch file and every folder the batch created, so a failed batch leaves none of its new files.
/// Files it replaces are only touched by `commit`. Safe to use from several threads: its state is behind a mutex.
public final class OutputBatch: Sendable {
    private struct State {
        var staged: [(scratch: URL, target: URL)] = []
        var createdFolders: [URL] = []
        var cleanedFolders: Set<String> = []
    }
    private let state = Mutex(State())

    public init() {}

    /// A scratch file to write `target`'s content to. Checks first that `target` may be replaced, creates
    /// its folder, and clears the folder of stale scratch files left by killed runs.
    public func stage(_ target: URL) throws -> URL {
        try OutputFile.checkReplaceable(target)
        let folder = target.deletingLastPathComponent()
        let created = try OutputFile.makeFolders(folder)
        let scratch = OutputFile.scratchURL(for: target)
        state.withLock { state in
            state.createdFolders += created
            if state.cleanedFolders.insert(folder.standardizedFileURL.path).inserted { OutputFile.removeStaleScratch(in: folder) }
            state.staged.append((scratch, target))
        }
        return scratch
    }

    /// Puts every staged file in place. The targets are checked again first, so that a batch whose outputs
    /// cannot all be replaced replaces none; a rename that still fails rolls the rest back.
    public func commit() throws {
        try state.withLock { state in
            do {
                for entry in state.staged { try OutputFile.checkReplaceable(entry.target) }
                try FailurePoint.check("commit")
                while let entry = state.staged.first {
                    try OutputFile.commit(entry.scratch, to: entry.target)
                    state.staged.removeFirst()
                }
            } catch {
                Self.removeScratchFiles(&state)
                throw error
            }
        }
    }

    /// Removes every scratch file, and the folders this batch created if they are empty.
    public func rollback() {
        state.withLock { Self.removeScratchFiles(&$0) }
    }

    private static func removeScratchFiles(_ state: inout State) {
        for entry in state.staged { unlink(entry.scratch.path) }
        state.staged = []
        // Innermost first; rmdir(2) leaves a folder that holds anything (another run's files, say).
        for folder in state.createdFolders.reversed() { rmdir(folder.path) }
        state.createdFolders = []
    }
}
