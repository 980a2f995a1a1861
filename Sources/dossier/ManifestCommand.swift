import ArgumentParser
import DossierKit
import Foundation

/// `dossier manifest merge DIR…`: checks that the shards of a split render cover every dossier exactly once.
struct Manifest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Works with the manifest.jsonl files of sharded renders.",
        subcommands: [Merge.self])

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Checks that the shards' output folders cover every dossier exactly once.",
            discussion: """
                Reads DIR/manifest.jsonl of each folder (written by dossier render --shard). Reports dossiers no shard \
                holds, dossiers held twice, shards absent and manifests that do not belong together. Exit status: 0 \
                when complete, 1 otherwise. --out writes the merged manifest (one line per file, its folder added to its path).
                """)

        @Argument(help: "The shards' output folders.")
        var folders: [String]

        @Option(help: "Write the merged manifest (JSON lines) to this file.")
        var out: String?

        func run() throws {
            let merge: ManifestMerge
            do {
                merge = try ManifestMerge(folders: folders.map { URL(fileURLWithPath: $0) })
            } catch {
                fail("\(error)", code: 1)
            }
            for id in merge.missing { print("missing: \(id)" + (merge.failed.contains(id) ? " (its shard failed)" : "")) }
            for (id, holders) in merge.duplicates { print("duplicate: \(id) in \(holders.joined(separator: ", "))") }
            for shard in merge.missingShards { print("missing shard: \(shard)") }
            for conflict in merge.conflicts { print("conflict: \(conflict)") }
            if let out {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                var text = Data()
                for (folder, entry) in merge.entries {
                    var line = entry
                    line.file = folder + "/" + entry.file
                    text.append(try encoder.encode(line))
                    text.append(0x0A)
                }
                try text.write(to: URL(fileURLWithPath: out), options: .atomic)
            }
            let ids = Set(merge.entries.map(\.entry.id))
            if merge.isComplete {
                print("complete: \(ids.count) dossiers, \(merge.entries.count) files, each once")
            } else {
                print("incomplete: \(merge.missing.count) missing, \(merge.duplicates.count) duplicated")
                throw ExitCode(1)
            }
        }
    }
}
