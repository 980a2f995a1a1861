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
    /// Read by hand, not with a regular expression: compiling one cost 12M instructions, paid by every process.
    static func lastXref(_ data: Data) -> Int? {
        let tail = Array(data.suffix(64))
        let keyword = Array("startxref".utf8)
        guard let start = (0...max(0, tail.count - keyword.count)).last(where: { tail[$0...].starts(with: keyword) }) else {
            return nil
        }
        var index = start + keyword.count
        func skipSpace() -> Bool {
            let from = index
            while index < tail.count, whiteSpace.contains(tail[index]) { index += 1 }
            return index > from
        }
        guard skipSpace() else { return nil }
        let digits = index
        while index < tail.count, (0x30...0x39).contains(tail[index]) { index += 1 }
        guard index > digits, let offset = Int(String(decoding: tail[digits..<index], as: UTF8.self)), skipSpace(),
              tail[index...].starts(with: Array("%%EOF".utf8)) else { return nil }
        index += 5
        _ = skipSpace()
        return index == tail.count ? offset : nil
    }

    /// What `\s` matched in the expression this replaces, the white space a file's last lines may hold.
    private static let whiteSpace: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D]
}
