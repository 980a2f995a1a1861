import Foundation

/// Cairo's file, read through its cross-reference table (Cairo writes one classic table, at the end): where each
/// object stands, the text of an object, and the file written again with the objects the finishing changes in
/// place of Cairo's and those it deletes taken out.
///
/// The file is read from disk a piece at a time (`FileSlices`) rather than held in memory: a 10 000-project dossier
/// is a 300 MB file, and it would add up with libqpdf's objects in the finishing's peak memory.
///
/// Changed objects are written where they stand rather than appended in the incremental update, because an update
/// leaves the old version of each object it changes in the file, dead: with the page contents rewritten
/// (`Artifacts`), 12 MB of the 44 a 2328-page dossier would weigh. The objects after a changed one move, and the
/// table is written again with their new offsets; new objects still go in the update.
struct CairoFile {
    /// An entry of the cross-reference table: an object in use at `field1`, or a free one (kept as it is). Stored
    /// in 24 bytes rather than 32: a long dossier's table has 100 000 entries, a 10 000-project one over a million.
    private struct Entry {
        var field1: Int
        var id: Int32
        var generation: Int32
        var inUse: Bool
        init(id: Int, field1: Int, generation: Int, inUse: Bool) {
            self.field1 = field1; self.id = Int32(id); self.generation = Int32(generation); self.inUse = inUse
        }
    }

    private let source: FileSlices
    private let xref: Int
    private let entries: [Entry]
    /// The entries in use (their indices) in the order their objects stand, each object running from its start to
    /// the next one's (or the table).
    private let placed: [Int32]
    /// For each object number, its place in `placed`, or -1 (arrays rather than dictionaries: 4 bytes an object).
    private let places: [Int32]
    /// The trailer dictionary, between the table and `startxref`.
    private let trailer: Range<Int>

    /// The file's size in bytes.
    var size: Int { source.size }

    /// Reads the table of the file at `url`; the objects are read when asked for.
    init(contentsOf url: URL) throws {
        let source = try FileSlices(url)
        self.source = source
        guard let xref = IncrementalUpdate.lastXref(try source.bytes(max(0, source.size - 64)..<source.size)) else {
            throw Self.failure("no startxref")
        }
        self.xref = xref
        guard xref < source.size else { throw Self.failure("no cross-reference table at \(xref)") }
        var reader = Reader(bytes: [UInt8](try source.bytes(xref..<source.size)))
        guard reader.word() == "xref" else { throw Self.failure("no cross-reference table at \(xref)") }
        var entries: [Entry] = []
        while let first = Int(reader.peekWord()) {
            _ = reader.word()
            guard let count = Int(reader.word()) else { throw Self.failure("a bad subsection header") }
            reader.skipSpace()
            entries.reserveCapacity(entries.count + count)  // not twice what a table of a million entries needs
            for id in first..<(first + count) {
                guard let entry = reader.entry(id) else { throw Self.failure("a bad entry for object \(id)") }
                entries.append(entry)
            }
        }
        reader.skipSpace()
        guard reader.peekWord() == "trailer", let end = reader.find("startxref") else { throw Self.failure("no trailer") }
        self.entries = entries
        trailer = (xref + reader.position)..<(xref + end)
        let placed = entries.indices.filter { entries[$0].inUse }.sorted { entries[$0].field1 < entries[$1].field1 }.map { Int32($0) }
        var places = [Int32](repeating: -1, count: Int(entries.map(\.id).max() ?? -1) + 1)
        for (place, index) in placed.enumerated() {
            let entry = entries[Int(index)]
            guard entry.field1 <= xref else { throw Self.failure("object \(entry.id) lies past the table") }
            places[Int(entry.id)] = Int32(place)
        }
        self.placed = placed
        self.places = places
    }

    /// Where the object at `place` (in `placed`) stands: from its start to the next object's, or the table.
    private func extent(at place: Int) -> Range<Int> {
        let start = entries[Int(placed[place])].field1
        let end = place + 1 < placed.count ? entries[Int(placed[place + 1])].field1 : xref
        return start..<end
    }

    /// The place in `placed` of object `id`, if it is in use.
    private func place(of id: Int) -> Int? {
        guard id >= 0, id < places.count, places[id] >= 0 else { return nil }
        return Int(places[id])
    }

    /// The number of the object the trailer's `key` names: `/Root`, the document catalog; `/Info`, the information
    /// dictionary.
    func trailerReference(_ key: String) throws -> Int? {
        ObjectText(try source.bytes(trailer)).reference(key)
    }

    /// The text of object `id` (not a stream): its body, between "N G obj" and "endobj"; nil when the file has no
    /// such object. Throws when the file can no longer be read (it is read a piece at a time, not held).
    func object(_ id: Int) throws -> ObjectText? {
        guard let place = place(of: id) else { return nil }
        return Self.objectText(try source.bytes(extent(at: place)))
    }

    /// The body of the object whose text ("N G obj … endobj") is `text`.
    static func objectText(_ text: Data) -> ObjectText? {
        guard let header = firstRange(of: Array("obj".utf8), in: text),
              let end = lastRange(of: Array("endobj".utf8), in: text), header + 3 <= end else { return nil }
        return ObjectText(Data(text[(header + 3)..<end]))
    }

    /// The file's objects, a few megabytes at a time: `body` gets each piece (ending where an object ends) and the
    /// number and extent, within the piece, of each object in it, in file order. An object larger than a piece is
    /// a piece of its own.
    func forEachPiece(_ body: ([UInt8], [(id: Int, range: Range<Int>)]) throws -> Void) throws {
        var start = 0
        while start < placed.count {
            var end = start + 1
            while end < placed.count, extent(at: end).upperBound - extent(at: start).lowerBound < Self.pieceSize { end += 1 }
            let origin = extent(at: start).lowerBound
            let piece = [UInt8](try source.bytes(origin..<extent(at: end - 1).upperBound))
            let objects = (start..<end).map { place in
                let extent = extent(at: place)
                return (id: Int(entries[Int(placed[place])].id), range: (extent.lowerBound - origin)..<(extent.upperBound - origin))
            }
            try body(piece, objects)
            start = end
        }
    }

    /// How much of the file is read at a time when it is scanned or copied.
    static let pieceSize = 4 << 20

    /// Writes the file to `file` with each object of `replacements` (number → body) in place of its old one and
    /// the objects of `deletions` taken out (free in the table); returns the offset of the new table.
    func write(replacing replacements: ReplacedBodies, deleting deletions: Set<Int>, to file: inout SealedFile) throws -> Int {
        guard replacements.ids.allSatisfy({ place(of: $0) != nil }), deletions.allSatisfy({ place(of: $0) != nil }) else {
            throw Self.failure("changing an object it does not have")
        }
        var moved = [Int](repeating: 0, count: places.count)  // object → new offset
        var copied = 0  // Cairo's bytes up to here are written; those from here to the next change are not yet
        for place in placed.indices {
            let entry = entries[Int(placed[place])], id = Int(entry.id), extent = extent(at: place)
            let body = try replacements.body(id)
            guard body != nil || deletions.contains(id) else {
                moved[id] = file.count + extent.lowerBound - copied
                continue
            }
            try source.copy(copied..<extent.lowerBound, to: &file)
            moved[id] = file.count
            if let body {
                try file.write("\(id) \(entry.generation) obj\n")
                try file.write(body)
                try file.write("\nendobj\n")
            }
            copied = extent.upperBound
        }
        try source.copy(copied..<xref, to: &file)
        let table = file.count
        try writeTable(moved, deleting: deletions, to: &file)
        try file.write(source.bytes(trailer))
        try file.write("startxref\n\(table)\n%%EOF\n")
        return table
    }

    /// The cross-reference table with the objects at their new offsets, in one subsection per run of numbers.
    private func writeTable(_ moved: [Int], deleting deletions: Set<Int>, to file: inout SealedFile) throws {
        let final = withDeletions(deletions)
        try file.write("xref\n")
        var index = 0
        while index < final.count {
            var end = index
            while end + 1 < final.count, final[end + 1].id == final[end].id + 1 { end += 1 }
            var section = Array("\(final[index].id) \(end - index + 1)\n".utf8)
            section.reserveCapacity(section.count + (end - index + 1) * 20)
            for entry in final[index...end] {
                appendDigits(entry.inUse ? moved[Int(entry.id)] : entry.field1, width: 10, to: &section)
                section.append(UInt8(ascii: " "))
                appendDigits(Int(entry.generation), width: 5, to: &section)
                section += entry.inUse ? Array(" n \n".utf8) : Array(" f \n".utf8)
            }
            try file.write(section)
            index = end + 1
        }
    }

    /// The entries with `deletions` free: the free list runs from object 0 through every free object in order
    /// and back to 0; a deleted object's generation goes up by one, the number it would have if used again.
    private func withDeletions(_ deletions: Set<Int>) -> [Entry] {
        guard !deletions.isEmpty else { return entries }
        var final = entries.map { entry -> Entry in
            guard deletions.contains(Int(entry.id)) else { return entry }
            return Entry(id: Int(entry.id), field1: 0, generation: Int(entry.generation) + 1, inUse: false)
        }
        let free = final.indices.filter { !final[$0].inUse }.sorted { final[$0].id < final[$1].id }
        for (position, index) in free.enumerated() {
            final[index].field1 = position + 1 < free.count ? Int(final[free[position + 1]].id) : 0
        }
        return final
    }

    /// `value` in decimal, zero-padded to `width` (String(format:) is slow for 100 000 entries).
    private func appendDigits(_ value: Int, width: Int, to out: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: width)
        var rest = value
        var position = width - 1
        while rest > 0 && position >= 0 {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        }
        out += digits
    }

    private static func firstRange(of needle: [UInt8], in text: Data) -> Data.Index? {
        var index = text.startIndex
        while index + needle.count <= text.endIndex {
            if text[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private static func lastRange(of needle: [UInt8], in text: Data) -> Data.Index? {
        var index = text.endIndex - needle.count
        while index >= text.startIndex {
            if text[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }

    static func failure(_ reason: String) -> ArchiveError {
        ArchiveError.io(file: "Cairo's PDF", reason: "cannot edit its cross-reference table: \(reason)")
    }

    /// Whitespace-separated words of a cross-reference table.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func word() -> String {
            let (text, end) = scan(from: position)
            position = end
            return text
        }

        func peekWord() -> String { scan(from: position).0 }

        mutating func skipSpace() {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        }

        /// One 20-byte entry, "0000001484 00000 n \n", read in place (a long dossier has 100 000 of them).
        mutating func entry(_ id: Int) -> Entry? {
            guard position + 20 <= bytes.count, let field1 = number(position, 10), let generation = number(position + 11, 5),
                  [UInt8(ascii: "n"), UInt8(ascii: "f")].contains(bytes[position + 17]) else { return nil }
            defer { position += 20 }
            return Entry(id: id, field1: field1, generation: generation, inUse: bytes[position + 17] == UInt8(ascii: "n"))
        }

        private func number(_ start: Int, _ width: Int) -> Int? {
            var value = 0
            for byte in bytes[start..<(start + width)] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }

        private func scan(from start: Int) -> (String, Int) {
            var cursor = start
            while cursor < bytes.count, isSpace(bytes[cursor]) { cursor += 1 }
            let begin = cursor
            while cursor < bytes.count, !isSpace(bytes[cursor]) { cursor += 1 }
            return (String(decoding: bytes[begin..<cursor], as: UTF8.self), cursor)
        }

        /// The offset of `text` after the current position.
        func find(_ text: String) -> Int? {
            let needle = Array(text.utf8)
            guard bytes.count >= needle.count else { return nil }
            return (position...(bytes.count - needle.count)).first { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
        }

        private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    }
}

/// A file read by byte ranges (`pread`), so that only the pieces being worked on are in memory.
final class FileSlices {
    private let descriptor: Int32
    let size: Int
    private let path: String

    init(_ url: URL) throws {
        path = url.path
        descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ArchiveError.io(file: url.path, reason: "cannot read the PDF to finish") }
        let end = lseek(descriptor, 0, SEEK_END)
        guard end >= 0 else {
            close(descriptor)
            throw ArchiveError.io(file: url.path, reason: "cannot read the PDF to finish")
        }
        size = Int(end)
    }

    deinit { close(descriptor) }

    /// The bytes of `range` (which must lie in the file).
    func bytes(_ range: Range<Int>) throws -> Data {
        var data = Data(count: range.count)
        let read = data.withUnsafeMutableBytes { buffer -> Int in
            var done = 0
            while done < range.count {
                let n = pread(descriptor, buffer.baseAddress! + done, range.count - done, off_t(range.lowerBound + done))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return done }
                done += n
            }
            return done
        }
        guard read == range.count else { throw ArchiveError.io(file: path, reason: "cannot read bytes \(range) of the PDF to finish") }
        return data
    }

    /// Copies `range` to `file`, a piece at a time.
    func copy(_ range: Range<Int>, to file: inout SealedFile) throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + CairoFile.pieceSize)
            try file.write(bytes(start..<end))
            start = end
        }
    }
}
