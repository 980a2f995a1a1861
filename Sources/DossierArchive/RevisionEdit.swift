import Foundation

/// Cairo's file with the objects the finishing changes replaced where they stand, and those it deletes taken
/// out. An incremental update would append the new version of each changed object and leave the old one in the
/// file, dead: with the page contents and the parent tree rewritten (`Artifacts`), a tenth of a long dossier's
/// bytes. Here the objects after a changed one move, and the cross-reference table is written again with their
/// new offsets (Cairo writes one classic table, at the end); the new objects still go in the update.
struct RevisionEdit {
    /// An entry of the cross-reference table: an object in use at `offset`, or a free one (kept as it is).
    private struct Entry { var id: Int; var field1: Int; var generation: Int; var inUse: Bool }

    private let original: Data
    private let xref: Int
    private let entries: [Entry]
    /// Where the trailer dictionary starts (after the table) and where `startxref` starts.
    private let trailer: Range<Int>

    /// Reads the cross-reference table of `original` (at its last `startxref`).
    init(_ original: Data) throws {
        self.original = original
        guard let xref = IncrementalUpdate.lastXref(original) else { throw Self.failure("no startxref") }
        self.xref = xref
        let bytes = [UInt8](original[xref...])
        var reader = Reader(bytes: bytes)
        guard reader.word() == "xref" else { throw Self.failure("no cross-reference table at \(xref)") }
        var entries: [Entry] = []
        while let first = Int(reader.peekWord()) {
            _ = reader.word()
            guard let count = Int(reader.word()) else { throw Self.failure("a bad subsection header") }
            reader.skipSpace()
            for id in first..<(first + count) {
                guard let entry = reader.entry(id) else { throw Self.failure("a bad entry for object \(id)") }
                entries.append(entry)
            }
        }
        reader.skipSpace()
        guard reader.peekWord() == "trailer", let end = reader.find("startxref") else { throw Self.failure("no trailer") }
        self.entries = entries
        trailer = (xref + reader.position)..<(xref + end)
    }

    /// The file with each object of `replacements` (id → its new body, between "N 0 obj" and "endobj") in place of
    /// its old one and the objects of `deletions` taken out (free in the table); the second value is the offset of
    /// the new cross-reference table.
    func editing(replacing replacements: [Int: Data], deleting deletions: Set<Int>) throws -> (bytes: [UInt8], xref: Int) {
        let placed = entries.filter(\.inUse).sorted { $0.field1 < $1.field1 }
        var output: [UInt8] = []
        output.reserveCapacity(original.count + replacements.values.reduce(0) { $0 + $1.count } / 8)
        var moved: [Int: Int] = [:]  // object → new offset
        var copied = 0
        for (index, entry) in placed.enumerated() {
            // An object runs to the next object, or to the table for the last one.
            let end = index + 1 < placed.count ? placed[index + 1].field1 : xref
            moved[entry.id] = entry.field1 - copied + output.count
            if deletions.contains(entry.id) {
                output += original[copied..<entry.field1]
                copied = end
            } else if let body = replacements[entry.id] {
                output += original[copied..<entry.field1]
                output += Array("\(entry.id) \(entry.generation) obj\n".utf8)
                output += body
                output += Array("\nendobj\n".utf8)
                copied = end
            }
        }
        guard replacements.keys.allSatisfy({ moved[$0] != nil }), deletions.allSatisfy({ moved[$0] != nil }) else {
            throw Self.failure("changing an object it does not have")
        }
        output += original[copied..<xref]
        let newXref = output.count
        output += table(moved, deleting: deletions)
        output += original[trailer]
        output += Array("startxref\n\(newXref)\n%%EOF\n".utf8)
        return (output, newXref)
    }

    /// The cross-reference table with the objects at their new offsets, in one subsection per run of numbers.
    private func table(_ moved: [Int: Int], deleting deletions: Set<Int>) -> [UInt8] {
        let final = withDeletions(deletions)
        var out = Array("xref\n".utf8)
        out.reserveCapacity(final.count * 20 + 64)
        var index = 0
        while index < final.count {
            var end = index
            while end + 1 < final.count, final[end + 1].id == final[end].id + 1 { end += 1 }
            out += Array("\(final[index].id) \(end - index + 1)\n".utf8)
            for entry in final[index...end] {
                appendDigits(entry.inUse ? moved[entry.id]! : entry.field1, width: 10, to: &out)
                out.append(UInt8(ascii: " "))
                appendDigits(entry.generation, width: 5, to: &out)
                out += entry.inUse ? Array(" n \n".utf8) : Array(" f \n".utf8)
            }
            index = end + 1
        }
        return out
    }

    /// The entries with `deletions` free: the free list runs from object 0 through every free object in order
    /// and back to 0; a deleted object's generation goes up by one, the number it would have if used again.
    private func withDeletions(_ deletions: Set<Int>) -> [Entry] {
        guard !deletions.isEmpty else { return entries }
        var final = entries.map { entry -> Entry in
            guard deletions.contains(entry.id) else { return entry }
            return Entry(id: entry.id, field1: 0, generation: entry.generation + 1, inUse: false)
        }
        let free = final.indices.filter { !final[$0].inUse }.sorted { final[$0].id < final[$1].id }
        for (position, index) in free.enumerated() {
            final[index].field1 = position + 1 < free.count ? final[free[position + 1]].id : 0
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

    private static func failure(_ reason: String) -> ArchiveError {
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
