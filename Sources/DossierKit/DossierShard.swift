import Crypto
import Foundation

/// One shard of a render split across machines: the dossiers whose stable hash of their id falls in it.
///
/// The hash is the SHA-256 of the dossier's id (`DossierBatch.Job.stem`, e.g. `projects/P01`), its first
/// eight bytes read as a big-endian integer, modulo the number of shards. It depends on nothing but the id,
/// so every machine computes the same split, and adding a project moves no other dossier (Swift's
/// `Hasher` is seeded per process and would not do).
public struct DossierShard: Sendable, Equatable, CustomStringConvertible {
    /// From 0 to `count - 1` (the numbering of Kubernetes' `JOB_COMPLETION_INDEX` and of `--array=0-…`).
    public let index: Int
    /// How many shards the render is split into (at least 1).
    public let count: Int

    /// The most shards a render is split into: more machines than dossiers is no use, and a manifest claiming billions
    /// of shards kept `manifest merge` listing the missing ones for ever.
    public static let maximumCount = 10_000

    /// A shard, or nil when `index` is not in `0..<count` or `count` is over `maximumCount`.
    public init?(index: Int, count: Int) {
        guard (1...Self.maximumCount).contains(count), (0..<count).contains(index) else { return nil }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (for example `2/8`), or nil.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// The shard an id belongs to among `count`.
    public static func bucket(of id: String, count: Int) -> Int {
        let digest = Array(SHA256.hash(data: Data(id.utf8)))
        let value = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Int(value % UInt64(count))
    }

    /// Whether the dossier with this id is this shard's.
    public func contains(_ id: String) -> Bool { Self.bucket(of: id, count: count) == index }

    public var description: String { "\(index)/\(count)" }
}
