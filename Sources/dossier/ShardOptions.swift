import ArgumentParser
import DossierKit
import Foundation
import Synchronization

/// `--shard I/N` and `--shards N`: render only the dossiers whose stable hash of their id falls in one shard.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Render only shard I of N (0 ≤ I < N), split by a stable hash of each dossier's id; writes OUT/manifest.jsonl.",
                               valueName: "I/N"))
    var shard: String?

    @Option(help: "Split into N shards and take this one's number from JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID.")
    var shards: Int?

    func validate() throws {
        if shard != nil, shards != nil { throw ValidationError("give --shard I/N or --shards N, not both") }
        _ = try selectedShard()
    }

    /// The shard asked for, or nil for the whole render.
    func selectedShard() throws -> DossierShard? {
        if let shard {
            guard let parsed = DossierShard(parsing: shard) else {
                throw ValidationError("--shard \(shard): write I/N with 0 ≤ I < N ≤ \(DossierShard.maximumCount), for example --shard 0/4")
            }
            return parsed
        }
        guard let shards else { return nil }
        guard (1...DossierShard.maximumCount).contains(shards) else {
            throw ValidationError("--shards must be from 1 to \(DossierShard.maximumCount)")
        }
        let environment = ProcessInfo.processInfo.environment
        for name in ["JOB_COMPLETION_INDEX", "SLURM_ARRAY_TASK_ID"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            guard let index = Int(value), let shard = DossierShard(index: index, count: shards) else {
                throw ValidationError("--shards \(shards): \(name)=\(value) is not a shard number from 0 to \(shards - 1)")
            }
            return shard
        }
        throw ValidationError("--shards \(shards) needs JOB_COMPLETION_INDEX (Kubernetes) or SLURM_ARRAY_TASK_ID (Slurm) set; use --shard I/N otherwise")
    }
}

/// Collects one manifest entry per file as a sharded render goes, and writes the manifest at the end.
final class ManifestRecorder: Sendable {
    // Progress callbacks come from one thread at a time (DossierBatch.renderAll); the mutex keeps that promise local.
    private struct State { var entries: [ShardManifest.Entry] = []; var last = DispatchTime.now() }
    private let folder: URL
    private let state = Mutex(State())

    init(folder: URL) { self.folder = folder }

    /// Records the files of a finished job (still under their scratch names: sizes and digests are read at the end).
    func finished(_ job: DossierBatch.Job, _ files: [WrittenFile]) {
        state.withLock { state in
            let now = DispatchTime.now()
            let ms = Int((now.uptimeNanoseconds - state.last.uptimeNanoseconds) / 1_000_000)
            state.last = now
            for file in files {
                state.entries.append(ShardManifest.Entry(file: file.url.path, id: job.stem, pages: file.pages, bytes: 0, sha256: "",
                                                         seal: nil, ms: ms, status: "ok"))
            }
        }
    }

    /// Writes the manifest of a shard whose files are all in place.
    func write(shard: DossierShard, batch: DossierBatch, selected: [DossierBatch.Job]) throws {
        let written = try state.withLock { $0.entries }.sorted { $0.file < $1.file }.map { entry in
            try ShardManifest.Entry.written(URL(fileURLWithPath: entry.file), folder: folder, id: entry.id, pages: entry.pages, ms: entry.ms)
        }
        try ShardManifest.write(header: .init(shard: shard, fingerprint: batch.fingerprint, dossiers: selected.map(\.stem)),
                                entries: written, to: folder)
    }

    /// Writes the manifest of a shard that failed: nothing of it was kept, so a merge reports its dossiers.
    func writeFailed(_ error: any Error, jobs: [DossierBatch.Job], shard: DossierShard, batch: DossierBatch,
                     selected: [DossierBatch.Job]) throws {
        let failedStem = (error as? JobFailure)?.stem
        let lines = jobs.map { job in
            ShardManifest.Entry(file: "", id: job.stem, pages: 0, bytes: 0, sha256: "", seal: nil, ms: 0,
                                status: job.stem == failedStem ? "failed" : "discarded",
                                error: job.stem == failedStem ? "\(error)" : nil)
        }
        try ShardManifest.write(header: .init(shard: shard, fingerprint: batch.fingerprint, dossiers: selected.map(\.stem)),
                                entries: lines, to: folder)
    }
}
