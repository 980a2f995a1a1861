import Foundation

/// Objects appended to a PDF as an incremental update: replaced objects keep their numbers, new ones
/// take numbers from the file's /Size on. Writing them after the original bytes, with a cross-reference
/// section for them alone and a trailer pointing back (/Prev), leaves the 100 000 objects of a long dossier
/// untouched: finishing costs what it adds, not what the file holds.
struct IncrementalUpdate {
    private(set) var objects: [(id: Int, body: Data)] = []
    /// Objects of the file the update deletes (listed as free in its cross-reference section).
    private(set) var freed: Set<Int> = []
    private(set) var nextID: Int

    init(size: Int) { nextID = size }

    /// Reserves a number for a new object.
    mutating func reserve() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    mutating func set(_ id: Int, _ body: String) { set(id, Data(body.utf8)) }

    mutating func set(_ id: Int, _ body: Data) {
        objects.removeAll { $0.id == id }
        objects.append((id, body))
    }

    /// Deletes object `id` of the file: references to it now mean null.
    mutating func free(_ id: Int) { freed.insert(id) }

    /// The original bytes followed by the update; the trailer carries qpdf's placeholder identifier, which
    /// the seal replaces.
    func appended(to original: Data, root: Int, info: Int, previousXref: Int) -> [UInt8] {
        var out = [UInt8](original)
        if out.last != UInt8(ascii: "\n") { out.append(UInt8(ascii: "\n")) }
        var offsets: [Int: Int] = [:]
        for (id, body) in objects.sorted(by: { $0.id < $1.id }) {
            offsets[id] = out.count
            out += Array("\(id) 0 obj\n".utf8)
            out += Array(body)
            out += Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var section = "xref\n"
        let entries = crossReferenceEntries(offsets: offsets)
        let ids = entries.keys.sorted()
        var index = 0
        while index < ids.count {
            var end = index
            while end + 1 < ids.count, ids[end + 1] == ids[end] + 1 { end += 1 }
            section += "\(ids[index]) \(end - index + 1)\n"
            for id in ids[index...end] { section += entries[id]! }
            index = end + 1
        }
        let placeholder = String(decoding: Seal.placeholder, as: UTF8.self)
        section += "trailer\n<< /Size \(nextID) /Root \(root) 0 R /Info \(info) 0 R /Prev \(previousXref) "
            + "/ID [<\(placeholder)><\(placeholder)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(section.utf8)
        return out
    }

    /// The cross-reference entry of each object the update writes or frees. Freed objects form the free list
    /// (object 0 heads it, each entry names the next, the last names 0) and take generation 1, the number they
    /// would have if used again.
    private func crossReferenceEntries(offsets: [Int: Int]) -> [Int: String] {
        var entries = offsets.mapValues { String(format: "%010d 00000 n \n", $0) }
        guard !freed.isEmpty else { return entries }
        let list = freed.sorted()
        entries[0] = String(format: "%010d 65535 f \n", list[0])
        for (index, id) in list.enumerated() {
            entries[id] = String(format: "%010d 00001 f \n", index + 1 < list.count ? list[index + 1] : 0)
        }
        return entries
    }

    /// The byte offset in the last `startxref` of a file.
    static func lastXref(_ data: Data) -> Int? {
        let tail = String(decoding: data.suffix(64), as: UTF8.self)
        guard let range = tail.range(of: #"startxref\s+(\d+)\s+%%EOF\s*$"#, options: .regularExpression) else { return nil }
        return Int(tail[range].filter(\.isNumber))
    }
}
