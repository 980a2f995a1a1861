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

    /// Writes the update after the original bytes in `file`; the trailer's identifier is the seal, which `file`
    /// writes when it is complete.
    func write(to file: inout SealedFile, root: Int, info: Int, previousXref: Int) throws {
        var offsets: [Int: Int] = [:]
        for (id, body) in objects.sorted(by: { $0.id < $1.id }) {
            offsets[id] = file.count
            try file.write("\(id) 0 obj\n")
            try file.write(body)
            try file.write("\nendobj\n")
        }
        let xref = file.count
        try file.write(Self.crossReferenceSection(offsets) + "trailer\n<< /Size \(nextID) /Root \(root) 0 R /Info \(info) 0 R /Prev \(previousXref) /ID [<")
        try file.writeIdentifier()
        try file.write("><")
        try file.writeIdentifier()
        try file.write(">] >>\nstartxref\n\(xref)\n%%EOF\n")
    }

    /// The `xref` section of the objects at `offsets` (object number → byte offset), in runs of consecutive numbers.
    static func crossReferenceSection(_ offsets: [Int: Int]) -> String {
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
        return section
    }

    /// The byte offset in the last `startxref` of a file.
    static func lastXref(_ data: Data) -> Int? {
        let tail = String(decoding: data.suffix(64), as: UTF8.self)
        guard let range = tail.range(of: #"startxref\s+(\d+)\s+%%EOF\s*$"#, options: .regularExpression) else { return nil }
        return Int(tail[range].filter(\.isNumber))
    }
}
