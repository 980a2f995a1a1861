import Foundation

/// The revisions of a PDF file: the bytes Cairo wrote, then each incremental update (the finishing, then
/// one per signature), each ending with `startxref N %%EOF`.
public struct Revision: Equatable, Sendable {
    /// The offset just after the revision's `%%EOF` line: the revision is `bytes[0..<end]`.
    public var end: Int
    /// Object numbers the revision's cross-reference section lists that earlier revisions already had.
    public var changedObjects: Set<Int>
    /// The revision's trailer /Size.
    public var size: Int
}

public enum Revisions {
    /// Every revision of `bytes`, in file order. Only `%%EOF` after `startxref` and a number counts (a stream
    /// could hold those five bytes).
    public static func all(_ bytes: [UInt8]) -> [Revision] {
        var revisions: [Revision] = []
        var start = 0
        var previousSize = 0
        for end in ends(bytes) {
            let text = String(decoding: bytes[start..<end], as: UTF8.self)
            let listed = xrefObjects(text)
            let size = trailerSize(text) ?? previousSize
            let changed = start == 0 ? [] : listed.filter { $0 < previousSize }
            revisions.append(Revision(end: end, changedObjects: Set(changed), size: size))
            previousSize = size
            start = end
        }
        return revisions
    }

    /// The ends of the revisions.
    static func ends(_ bytes: [UInt8]) -> [Int] {
        let marker = Array("%%EOF".utf8)
        var ends: [Int] = []
        var index = 0
        while index + marker.count <= bytes.count {
            if bytes[index] == marker[0], Array(bytes[index..<(index + marker.count)]) == marker, followsStartxref(bytes, index) {
                var end = index + marker.count
                if end < bytes.count, bytes[end] == UInt8(ascii: "\r") { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "\n") { end += 1 }
                ends.append(end)
                index = end
            } else {
                index += 1
            }
        }
        return ends
    }

    private static func followsStartxref(_ bytes: [UInt8], _ index: Int) -> Bool {
        let before = String(decoding: bytes[max(0, index - 40)..<index], as: UTF8.self)
        return before.range(of: #"startxref\s+\d+\s*$"#, options: .regularExpression) != nil
    }

    /// The object numbers listed (in use) by the last classic cross-reference section of a revision's text.
    static func xrefObjects(_ text: String) -> [Int] {
        guard let xref = text.range(of: "\nxref", options: .backwards),
              let trailer = text.range(of: "trailer", range: xref.upperBound..<text.endIndex) else { return [] }
        var ids: [Int] = []
        var next = 0
        for line in text[xref.upperBound..<trailer.lowerBound].split(whereSeparator: \.isNewline) {
            let fields = line.split(separator: " ")
            if fields.count == 2, let first = Int(fields[0]), Int(fields[1]) != nil {
                next = first
            } else if fields.count >= 3 {
                if fields[2].hasPrefix("n") { ids.append(next) }
                next += 1
            }
        }
        return ids
    }

    static func trailerSize(_ text: String) -> Int? {
        guard let trailer = text.range(of: "trailer", options: .backwards),
              let size = text.range(of: #"/Size\s+\d+"#, options: .regularExpression, range: trailer.upperBound..<text.endIndex)
        else { return nil }
        return Int(text[size].filter(\.isNumber))
    }

    /// The end of the revision Dossier rendered and sealed: the first revision whose trailer holds an /ID.
    public static func sealedEnd(_ bytes: [UInt8]) -> Int? {
        ends(bytes).first { Seal.identifierRanges(Array(bytes[..<$0])) != nil }
    }
}
