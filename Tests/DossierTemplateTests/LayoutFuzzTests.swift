import DossierModel
import DossierTemplate
import Foundation
import Testing

/// A small deterministic fuzzer over the shipped layouts: byte flips, truncations, duplications and
/// inserted hostile tokens. Every mutant is compiled (and bound when it compiles) in this process: any
/// outcome but layout problems or a bind error would be a crash of the test run itself.
@Suite struct LayoutFuzzTests {
    /// SplitMix64: the same seed gives the same mutants on every machine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    /// What the fuzzer inserts: the constructs that crashed or fooled the compiler before.
    static let tokens: [[UInt8]] = [
        "<keep>", "</keep>", String(repeating: "<keep>", count: 100), "inf", "1e308", "1e308*", "nan", "infmm", "-0",
        "<!DOCTYPE x [<!ENTITY e \"t\">]>", "&e;", "{", "}", "{convention.", "|or:", "<include src=\"project-section.xml\"/>",
        "<styles src=\"styles.xml\"/>", "<if test=\"\">", "span=\"99999999999999999999\"", "<![CDATA[", "<!--", "\u{202E}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0x00], [0xF0, 0x9F]]

    /// One mutation of `bytes`.
    static func mutate(_ bytes: [UInt8], _ random: inout Random) -> [UInt8] {
        var out = bytes
        guard !out.isEmpty else { return tokens[random.below(tokens.count)] }
        let at = random.below(out.count)
        switch random.below(6) {
        case 0: out[at] ^= UInt8(1 << random.below(8))                                   // flip a bit
        case 1: out.removeSubrange(at...)                                                 // truncate
        case 2:                                                                           // duplicate a slice
            let end = min(out.count, at + 1 + random.below(200))
            out.insert(contentsOf: out[at..<end], at: random.below(out.count))
        case 3:                                                                           // insert inside an attribute value
            if let quote = out[at...].firstIndex(of: UInt8(ascii: "\"")) {
                out.insert(contentsOf: tokens[random.below(tokens.count)], at: quote + 1)
            }
        case 4: out.removeSubrange(at..<min(out.count, at + 1 + random.below(40)))        // delete a few bytes
        default: out.insert(contentsOf: tokens[random.below(tokens.count)], at: at)        // insert a token anywhere
        }
        return out
    }

    /// Layouts that crashed the process before (found by hand, by this test or by `make fuzz`): each
    /// must now give layout problems. Files ending in `-styles.xml` are companions they refer to.
    static let crashers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/crashers")

    @Test func formerCrashersGiveLocatedProblems() throws {
        let folder = try TemplateSupport.folder([:])
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.crashers.path).sorted()
        for name in names {
            try FileManager.default.copyItem(at: Self.crashers.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let layouts = names.filter { !$0.hasSuffix("-styles.xml") }
        #expect(layouts.count >= 4)
        for name in layouts {
            let problems = LayoutSet.compile(file: name, folder: folder, display: "Layouts").1
            #expect(!problems.isEmpty, "\(name) compiled without problems")
            #expect(problems.allSatisfy { $0.location.file.hasPrefix("Layouts/") && $0.location.line >= 1 }, "\(name): \(problems)")
        }
    }

    static let files = ["convention.xml", "project.xml", "meeting.xml", "partner.xml", "project-section.xml", "styles.xml"]

    @Test func mutatedLayoutsOnlyEverGiveLayoutProblems() throws {
        let convention = try TemplateSupport.sample()
        let originals = try Self.files.map { try [UInt8](Data(contentsOf: TemplateSupport.layouts.appendingPathComponent($0))) }
        let folder = try TemplateSupport.folder([:])
        for name in Self.files {
            try Data(contentsOf: TemplateSupport.layouts.appendingPathComponent(name)).write(to: folder.appendingPathComponent(name))
        }
        var random = Random(state: 2016_12_08)
        var refused = 0
        let rounds = 300
        for round in 0..<rounds {
            let index = random.below(Self.files.count)
            var bytes = originals[index]
            for _ in 0...random.below(3) { bytes = Self.mutate(bytes, &random) }
            try Data(bytes).write(to: folder.appendingPathComponent(Self.files[index]))
            let set = LayoutSet.load(folder: folder, display: "Layouts")
            if !set.problems.isEmpty { refused += 1 }
            for (kind, layout) in set.layouts where kind == .convention || kind == .project {
                let binder = Binder(layout: layout, convention: convention, imageFolders: [folder])
                do {
                    _ = try binder.bind(project: kind == .project ? convention.projects[0] : nil, date: Day(year: 2016, month: 12, day: 8))
                } catch is BindError {
                    refused += 1
                } catch {
                    Issue.record("round \(round) (\(Self.files[index])): binding threw \(type(of: error)): \(error)")
                }
            }
            for problem in set.problems {
                #expect(problem.location.line >= 1 && problem.location.column >= 1, "round \(round): \(problem)")
            }
            try Data(originals[index]).write(to: folder.appendingPathComponent(Self.files[index]))
        }
        // Most mutants are broken; a fuzzer whose mutants all pass would be testing nothing.
        #expect(refused > rounds / 3, "only \(refused) of \(rounds) mutants were refused")
    }
}
