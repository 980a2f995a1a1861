import Crypto
import Foundation

/// The `manifest.jsonl` a sharded render writes into its output folder: a first line describing the shard
/// (which shard, of how many, the data's fingerprint and every dossier id of the whole, unsharded
/// selection), then one line per file. `dossier manifest merge` reads them back (`ManifestMerge`).
public enum ShardManifest {
    public static let fileName = "manifest.jsonl"

    /// The first line: which part of which whole this folder holds.
    public struct Header: Codable, Sendable, Equatable {
        public var record = "shard"
        public var shard: Int
        public var shards: Int
        /// The fingerprint of the data (`SourceData.fingerprint`): shards of different data do not merge.
        public var fingerprint: String
        /// The ids of every dossier of the unsharded selection, so that a merge can name what is missing.
        public var dossiers: [String]

        public init(shard: DossierShard, fingerprint: String, dossiers: [String]) {
            self.shard = shard.index
            self.shards = shard.count
            self.fingerprint = fingerprint
            self.dossiers = dossiers
        }
    }

    /// One file of the shard.
    public struct Entry: Codable, Sendable, Equatable {
        public var record = "dossier"
        /// Path relative to the shard's output folder (`projects/P01.pdf`).
        public var file: String
        /// The dossier's id (`projects/P01`), the key the shards are split on.
        public var id: String
        public var pages: Int
        public var bytes: Int
        /// Lowercase hexadecimal SHA-256 of the file.
        public var sha256: String
        /// The PDF's seal (its `/ID`), nil for drafts and PNG pages.
        public var seal: String?
        /// Milliseconds since the previous dossier of this run finished (the dossier's own time with `--jobs 1`).
        public var ms: Int
        /// `ok`; `failed` for the dossier that stopped the batch, `discarded` for those not kept because of it.
        public var status: String
        public var error: String?

        public init(file: String, id: String, pages: Int, bytes: Int, sha256: String, seal: String?, ms: Int,
                    status: String, error: String? = nil) {
            self.file = file; self.id = id; self.pages = pages; self.bytes = bytes; self.sha256 = sha256
            self.seal = seal; self.ms = ms; self.status = status; self.error = error
        }

        /// The entry of a file written into `folder`: size, digest and seal read from the file itself.
        public static func written(_ url: URL, folder: URL, id: String, pages: Int, ms: Int) throws -> Entry {
            let data = try Data(contentsOf: url)
            let base = folder.standardizedFileURL.path + "/"
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(base) ? String(path.dropFirst(base.count)) : url.lastPathComponent
            return Entry(file: relative, id: id, pages: pages, bytes: data.count,
                         sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                         seal: url.pathExtension == "pdf" ? ShardManifest.seal(of: data) : nil, ms: ms, status: "ok")
        }
    }

    /// The 32 hexadecimal digits of the last `/ID [<…>` of a PDF (the seal), or nil.
    public static func seal(of pdf: Data) -> String? {
        let bytes = [UInt8](pdf.suffix(4096))
        let marker = Array("/ID [<".utf8)
        guard bytes.count >= marker.count + 32 else { return nil }
        for start in stride(from: bytes.count - marker.count - 32, through: 0, by: -1)
        where Array(bytes[start..<(start + marker.count)]) == marker {
            let digits = bytes[(start + marker.count)..<(start + marker.count + 32)]
            return String(decoding: digits, as: UTF8.self)
        }
        return nil
    }

    /// Writes the manifest into `folder` under a scratch name, then renames it into place.
    public static func write(header: Header, entries: [Entry], to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = try encoder.encode(header)
        text.append(0x0A)
        for entry in entries {
            text.append(try encoder.encode(entry))
            text.append(0x0A)
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let target = folder.appendingPathComponent(fileName)
        let scratch = folder.appendingPathComponent(".\(fileName).\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try text.write(to: scratch)
        guard rename(scratch.path, target.path) == 0 else {
            try? FileManager.default.removeItem(at: scratch)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    /// Reads a manifest; throws a message naming the file and line of anything it cannot read.
    public static func read(_ url: URL) throws -> (header: Header, entries: [Entry]) {
        guard let data = try? Data(contentsOf: url) else { throw ManifestError("\(url.path): cannot read the manifest (was the shard rendered?)") }
        let lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        let decoder = JSONDecoder()
        guard let first = lines.first, let header = try? decoder.decode(Header.self, from: Data(first)), header.record == "shard" else {
            throw ManifestError("\(url.path):1: expected the shard line ({\"record\":\"shard\",…})")
        }
        guard DossierShard(index: header.shard, count: header.shards) != nil else {
            throw ManifestError("\(url.path):1: shard \(header.shard) of \(header.shards) is not a shard: expected a number of shards from 1 "
                                + "to \(DossierShard.maximumCount) and a shard number below it")
        }
        var entries: [Entry] = []
        for (number, line) in lines.enumerated().dropFirst() {
            guard let entry = try? decoder.decode(Entry.self, from: Data(line)), entry.record == "dossier" else {
                throw ManifestError("\(url.path):\(number + 1): expected a dossier line ({\"record\":\"dossier\",…})")
            }
            entries.append(entry)
        }
        return (header, entries)
    }
}

/// A manifest that cannot be read, with its place.
public struct ManifestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
