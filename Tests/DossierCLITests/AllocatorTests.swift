import Foundation
import Testing

/// The `dossier` executable links mimalloc so that every library's allocations go through it (Package.swift,
/// Benchmarks/README.md "mimalloc"). Linked after libc, or dropped from the link, it would be loaded and unused
/// without any error: the dynamic loader's own account of where each library's `malloc` and `free` went is
/// what tells.
@Suite struct AllocatorTests {
    /// The libraries that allocate most while a dossier is made and finished, by the start of their file names (their
    /// versions change from one Debian to the next).
    static let libraries = ["libc.so", "libswiftCore", "libcairo.so", "libharfbuzz.so", "libglib-2.0.so", "libqpdf.so"]

    @Test func everyLibraryAllocatesThroughMimalloc() throws {
        // Every symbol bound at start (LD_BIND_NOW), each binding reported on the errors (LD_DEBUG).
        let result = try CLI.run(["--help"], environment: ["LD_BIND_NOW": "1", "LD_DEBUG": "bindings"])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        for symbol in ["malloc", "free"] {
            // "binding file /lib/…/libcairo.so.2 [0] to /lib/…/libmimalloc.so.2 [0]: normal symbol `malloc' …"
            var boundTo: [String: String] = [:]
            for line in result.stderr.split(separator: "\n") where line.contains("symbol `\(symbol)'") {
                guard let file = line.range(of: "binding file "), let to = line.range(of: " to "),
                      let end = line.range(of: ": normal symbol") else { continue }
                let from = line[file.upperBound..<to.lowerBound].split(separator: " ").first.map(String.init) ?? ""
                let target = line[to.upperBound..<end.lowerBound].split(separator: " ").first.map(String.init) ?? ""
                boundTo[(from as NSString).lastPathComponent] = (target as NSString).lastPathComponent
            }
            for library in Self.libraries {
                let seen = boundTo.filter { $0.key.hasPrefix(library) }
                #expect(!seen.isEmpty && seen.values.allSatisfy { $0.hasPrefix("libmimalloc") },
                        "the rule that every library allocates through mimalloc: \(library)'s \(symbol) is bound to \(seen.isEmpty ? "nothing seen" : seen.values.joined(separator: ", ")), not to libmimalloc (is mimalloc linked before libc in Package.swift?)")
            }
        }
    }
}
