import Foundation

/// Checks that the manifests of a sharded render cover every dossier exactly once.
public struct ManifestMerge: Sendable {
    /// Every `ok` entry of every folder, each with the folder it is in.
    public var entries: [(folder: String, entry: ShardManifest.Entry)]
    /// Ids of the selection no folder holds.
    public var missing: [String]
    /// Ids held by more than one folder (or twice by one), with the folders.
    public var duplicates: [(id: String, folders: [String])]
    /// Ids some shard reported as failed or discarded and no folder holds.
    public var failed: [String]
    /// Shard numbers no folder holds.
    public var missingShards: [Int]
    /// Manifests that do not belong together (different number of shards, data or selection).
    public var conflicts: [String]

    /// Whether the shards cover every dossier exactly once.
    public var isComplete: Bool { missing.isEmpty && duplicates.isEmpty && missingShards.isEmpty && conflicts.isEmpty }

    /// Reads `folder/manifest.jsonl` for each folder and compares them.
    public init(folders: [URL]) throws {
        var header: ShardManifest.Header?
        var shardsSeen: Set<Int> = []
        var holders: [String: [String]] = [:]
        var notKept: Set<String> = []
        entries = []
        conflicts = []
        for folder in folders {
            let (this, lines) = try ShardManifest.read(folder.appendingPathComponent(ShardManifest.fileName))
            if let first = header {
                if this.shards != first.shards { conflicts.append("\(folder.path): shard of \(this.shards), the first folder's of \(first.shards)") }
                if this.fingerprint != first.fingerprint { conflicts.append("\(folder.path): rendered from other data (fingerprint \(this.fingerprint), not \(first.fingerprint))") }
                if this.dossiers != first.dossiers { conflicts.append("\(folder.path): a different selection of dossiers") }
            } else {
                header = this
            }
            shardsSeen.insert(this.shard)
            var idsHere: [String: Int] = [:]
            for entry in lines {
                if entry.status == "ok" {
                    entries.append((folder.path, entry))
                    idsHere[entry.id, default: 0] += 1
                } else {
                    notKept.insert(entry.id)
                }
            }
            for id in idsHere.keys { holders[id, default: []].append(folder.path) }
        }
        let all = header?.dossiers ?? []
        missing = all.filter { holders[$0] == nil }
        failed = missing.filter(notKept.contains)
        duplicates = holders.filter { $0.value.count > 1 }.map { ($0.key, $0.value) }.sorted { $0.id < $1.id }
        missingShards = header.map { h in (0..<h.shards).filter { !shardsSeen.contains($0) } } ?? []
        let unexpected = Set(holders.keys).subtracting(all)
        conflicts += unexpected.sorted().map { "\($0): not a dossier of the selection the shards describe" }
    }
}
