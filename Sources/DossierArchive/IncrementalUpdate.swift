import Foundation

/// New objects appended to a PDF as an incremental update, numbered from the file's /Size on. Writing them
/// after the original bytes, with a cross-reference section for them alone and a trailer pointing back (/Prev),
/// leaves the 100 000 objects of a long dossier as they are: finishing costs what it adds, not what the file
/// holds. (The objects it changes are changed where they stand: `RevisionEdit`.)
struct IncrementalUpdate {
    private(set) var objects: [(id: Int, body: Data)] = []
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

    /// The original bytes followed by the update; the trailer carries qpdf's placeholder identifier, which
    /// the seal replaces.
    func appended(to original: consuming [UInt8], root: Int, info: Int, previousXref: Int) -> [UInt8] {
        var out = original
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
        let ids = offsets.keys.sorted()
        var index = 0
        while index < ids.count {
            var end = index
            while end + 1 < ids.count, ids[end + 1] == ids[end] + 1 { end += 1 }
            section += "\(ids[index]) \(end - index + 1)\n"
            for id in ids[index...end] { section += String(format: "%010d 00000 n \n", offsets[id]!) }
            index = end + 1
        }
        let placeholder = String(decoding: Seal.placeholder, as: UTF8.self)
        section += "trailer\n<< /Size \(nextID) /Root \(root) 0 R /Info \(info) 0 R /Prev \(previousXref) "
            + "/ID [<\(placeholder)><\(placeholder)>] >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(section.utf8)
        return out
    }

    /// The byte offset in the last `startxref` of a file.
    static func lastXref(_ data: Data) -> Int? {
        let tail = String(decoding: data.suffix(64), as: UTF8.self)
        guard let range = tail.range(of: #"startxref\s+(\d+)\s+%%EOF\s*$"#, options: .regularExpression) else { return nil }
        return Int(tail[range].filter(\.isNumber))
    }
}
