import DossierTestSupport
import Foundation
import Testing

/// `dossier render --shard I/N` and `dossier manifest merge`, on the sample's every dossier.
@Suite(.serialized) struct ShardTests {
    static let date = "2016-12-08"
    static let only = ["--only", "convention", "projects", "meeting", "partners"]

    /// Every regular file under `folder` but the manifest, by relative path.
    static func files(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path + "/"
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            let path = url.standardizedFileURL.path
            guard !url.hasDirectoryPath, url.lastPathComponent != "manifest.jsonl", let data = try? Data(contentsOf: url) else { continue }
            files[String(path.dropFirst(base.count))] = data
        }
        return files
    }

    @Test func theShardsTogetherAreTheWholeRenderByteForByte() throws {
        let root = try TestTools.scratch("shards")
        let whole = root.appendingPathComponent("whole")
        let unsharded = try Dossier.run(["render", "--out", whole.path, "--date", Self.date] + Self.only)
        #expect(unsharded.status == 0, "\(unsharded.stderr)")
        let expected = Self.files(whole)
        #expect(expected.count == 21)  // convention, 8 projects, 1 meeting, 11 partners' letters

        let count = 3
        var union: [String: Data] = [:]
        var folders: [String] = []
        for index in 0..<count {
            let folder = root.appendingPathComponent("shard-\(index)")
            folders.append(folder.path)
            let result = try Dossier.run(["render", "--out", folder.path, "--date", Self.date, "--shard", "\(index)/\(count)"] + Self.only)
            #expect(result.status == 0, "\(result.stderr)")
            for (name, data) in Self.files(folder) {
                #expect(union[name] == nil, "\(name) is in two shards")
                union[name] = data
            }
            // The manifest: one line per file, with its digest and seal.
            let lines = try String(contentsOf: folder.appendingPathComponent("manifest.jsonl"), encoding: .utf8).split(separator: "\n")
            let header = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
            #expect(header?["shard"] as? Int == index && header?["shards"] as? Int == count)
            #expect((header?["dossiers"] as? [String])?.count == 21)
            for line in lines.dropFirst() {
                let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                #expect(entry["status"] as? String == "ok" && (entry["seal"] as? String)?.count == 32 && (entry["sha256"] as? String)?.count == 64)
                #expect(entry["bytes"] as? Int == Self.files(folder)[entry["file"] as? String ?? ""]?.count)
            }
        }
        #expect(union.keys.sorted() == expected.keys.sorted())
        for (name, data) in expected { #expect(union[name] == data, "\(name) differs from the unsharded render") }

        let merged = try Dossier.run(["manifest", "merge"] + folders + ["--out", root.appendingPathComponent("all.jsonl").path])
        #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
        #expect(merged.stdout.contains("complete: 21 dossiers, 21 files, each once"))

        // A shard missing, a shard twice: the merge says which dossiers.
        let partial = try Dossier.run(["manifest", "merge", folders[0], folders[2]])
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("missing shard: 1"))
        let firstOfShard1 = try String(contentsOf: URL(fileURLWithPath: folders[1]).appendingPathComponent("manifest.jsonl"), encoding: .utf8)
            .split(separator: "\n")[1]
        let id = (try JSONSerialization.jsonObject(with: Data(firstOfShard1.utf8)) as? [String: Any])?["id"] as? String ?? "?"
        #expect(partial.stdout.contains("missing: \(id)"), "\(partial.stdout)")
        let twice = try Dossier.run(["manifest", "merge"] + folders + [folders[1]])
        #expect(twice.status == 1)
        #expect(twice.stdout.contains("duplicate: \(id)"), "\(twice.stdout)")

        // A manifest claiming four milliard shards: refused at its first line (the merge listed the missing shards for ever).
        let forged = URL(fileURLWithPath: folders[0]).appendingPathComponent("manifest.jsonl")
        let text = try String(contentsOf: forged, encoding: .utf8)
        try text.replacingOccurrences(of: "\"shards\":3", with: "\"shards\":4000000000").write(to: forged, atomically: true, encoding: .utf8)
        let huge = try Dossier.run(["manifest", "merge"] + folders)
        #expect(huge.status != 0 && huge.stderr.contains("manifest.jsonl:1: shard 0 of 4000000000 is not a shard"), "\(huge.status) \(huge.stderr)")
    }

    @Test func theShardComesFromTheBatchSystemsIndex() throws {
        let root = try TestTools.scratch("shard-env")
        let explicit = root.appendingPathComponent("explicit"), indexed = root.appendingPathComponent("indexed"), slurm = root.appendingPathComponent("slurm")
        #expect(try Dossier.run(["render", "--out", explicit.path, "--date", Self.date, "--shard", "1/4"]).status == 0)
        #expect(try Dossier.run(["render", "--out", indexed.path, "--date", Self.date, "--shards", "4"],
                                environment: ["JOB_COMPLETION_INDEX": "1"]).status == 0)
        #expect(try Dossier.run(["render", "--out", slurm.path, "--date", Self.date, "--shards", "4"],
                                environment: ["SLURM_ARRAY_TASK_ID": "1"]).status == 0)
        #expect(Self.files(explicit).keys.sorted() == Self.files(indexed).keys.sorted())
        #expect(Self.files(explicit).keys.sorted() == Self.files(slurm).keys.sorted())
        // Stable hash of the ids (SHA-256, not Swift's per-process Hasher): P01 falls in shard 2 of 4, the convention in 0.
        #expect(Self.files(explicit)["projects/P01.pdf"] == nil)
        let two = try Dossier.run(["render", "--out", root.appendingPathComponent("two").path, "--date", Self.date, "--shard", "2/4", "--only", "P01", "convention"])
        #expect(two.stdout.contains("shard 2/4: 1 of 2 dossiers") && two.stdout.contains("projects/P01.pdf"), "\(two.stdout)")

        // Clear refusals, exit 2.
        let noIndex = try Dossier.run(["render", "--out", root.path, "--shards", "4"], environment: ["JOB_COMPLETION_INDEX": "", "SLURM_ARRAY_TASK_ID": ""])
        #expect(noIndex.status == 2)
        let outOfRange = try Dossier.run(["render", "--out", root.path, "--shards", "4"], environment: ["JOB_COMPLETION_INDEX": "4"])
        #expect(outOfRange.status == 2 && outOfRange.stderr.contains("JOB_COMPLETION_INDEX=4"), "\(outOfRange.stderr)")
        #expect(try Dossier.run(["render", "--out", root.path, "--shard", "4/4"]).status == 2)
        #expect(try Dossier.run(["render", "--out", root.path, "--shard", "1/4", "--shards", "4"]).status == 2)
        #expect(try Dossier.run(["render", "--out", root.path, "--shards", "10001"], environment: ["JOB_COMPLETION_INDEX": "1"]).stderr
            .contains("--shards must be from 1 to 10000"))
        #expect(try Dossier.run(["generate", "--projects", "100001", "--out", root.appendingPathComponent("g.yaml").path]).stderr
            .contains("--projects must be from 1 to 100000"))
    }
}
