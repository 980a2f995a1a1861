import CQPDF
import DossierFrames
import Foundation

/// Turns the stand-in elements Cairo wrote for artifacts into artifacts. Cairo 1.16 refuses an `Artifact` tag and
/// writes every tag as a structure element whose content it marks with an MCID, so the layout tags artifacts with
/// a structure type no content uses (`ArtifactKind.standInRole`), and here, for each of them:
/// - in the page's content, `/Private << /MCID 3 >> BDC` becomes `/Artifact << /Type /Pagination >> BDC` (its
///   `EMC` stays where it is);
/// - the page's entry for MCID 3 in the parent tree becomes null;
/// - the element leaves its parent's /K and is deleted.
///
/// Each page's content stream is inflated, edited and compressed again: the one cost of the finishing that grows
/// with the pages (there are one or two stand-ins a page, at its top: `PageArtifacts`).
enum Artifacts {
    /// The stand-in structure elements Cairo wrote on one page: MCID → the kind of artifact.
    typealias StandIns = [Int: ArtifactKind]

    /// Converts every stand-in of the document; returns how many there were.
    @discardableResult
    static func mark(_ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) throws -> Int {
        guard let parentTree = d.key(d.root, "/StructTreeRoot").flatMap({ d.key($0, "/ParentTree") }) else { return 0 }
        let pageEntries = parentTreeEntries(parentTree, d)
        var removed: [Int] = []
        for page in d.pages {
            let standIns = try rewriteContent(of: page, d, &changes)
            guard !standIns.isEmpty else { continue }
            guard let key = d.key(page, "/StructParents").flatMap(d.integer), let entry = pageEntries[key] else {
                throw ArchiveError.qpdf(file: d.file, message: "a page with marked content has no parent tree entry")
            }
            removed += forget(standIns.keys.sorted(), in: entry, d, &changes)
        }
        try removeElements(removed, d, &changes)
        return removed.count
    }

    /// The parent tree's entries by key. Cairo writes one flat /Nums array (no /Kids).
    static func parentTreeEntries(_ tree: qpdf_oh, _ d: QPDFDocument) -> [Int: qpdf_oh] {
        guard let nums = d.key(tree, "/Nums") else { return [:] }
        let items = d.items(nums)
        var entries: [Int: qpdf_oh] = [:]
        for index in stride(from: 0, to: items.count - 1, by: 2) {
            if let key = d.integer(items[index]) { entries[key] = items[index + 1] }
        }
        return entries
    }

    /// Rewrites the content streams of `page` that hold stand-ins; returns the stand-ins found.
    private static func rewriteContent(of page: qpdf_oh, _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) throws -> StandIns {
        guard let contents = d.key(page, "/Contents") else { return [:] }
        var found: StandIns = [:]
        for stream in d.isStream(contents) ? [contents] : d.items(contents) {
            let content = try decodedContent(stream, d)
            guard let (rewritten, standIns) = replaceStandIns(in: content) else { continue }
            found.merge(standIns) { first, _ in first }
            changes.replaced[d.objectID(stream)] = PDFSyntax.stream("", data: rewritten)
        }
        return found
    }

    /// A content stream's data: Cairo compresses every one with Flate.
    private static func decodedContent(_ stream: qpdf_oh, _ d: QPDFDocument) throws -> Data {
        switch try d.filters(stream) {
        case []: return try d.rawStreamData(stream)
        case ["/FlateDecode"]: return try BoundedStream.inflate(d.rawStreamData(stream), limit: BoundedStream.maximumBytes)
        case let other: throw ArchiveError.qpdf(file: d.file, message: "a page's content has filters \(other.joined(separator: " "))")
        }
    }

    /// The operators that open a stand-in's marked content, as Cairo writes them (`/Private << /MCID 3 >> BDC`),
    /// and what replaces them.
    static let markers: [(prefix: [UInt8], kind: ArtifactKind)] = [ArtifactKind.pagination, .layout].map {
        (Array("/\($0.standInRole) << /MCID ".utf8), $0)
    }
    static let markerEnd = Array(" >> BDC".utf8)

    static func artifactOperator(_ kind: ArtifactKind) -> [UInt8] { Array("/Artifact << /Type /\(kind.rawValue) >> BDC".utf8) }

    /// `content` with each stand-in's opening operator replaced by an artifact's, and the stand-ins by MCID;
    /// nil when it holds none.
    static func replaceStandIns(in content: Data) -> (Data, StandIns)? {
        let bytes = [UInt8](content)
        var output: [UInt8] = []
        var standIns: StandIns = [:]
        var copied = 0
        var position = 0
        // Every marked-content operator of Cairo's with an MCID has "MCID "; only the stand-ins' are replaced.
        let common = Array("MCID ".utf8)
        while let hit = find(common, in: bytes, from: position) {
            position = hit + common.count
            guard let (start, kind) = standInStart(bytes, before: hit),
                  let (mcid, end) = mcidAndEnd(bytes, from: position) else { continue }
            output += bytes[copied..<start]
            output += artifactOperator(kind)
            standIns[mcid] = kind
            copied = end
            position = end
        }
        guard !standIns.isEmpty else { return nil }
        output += bytes[copied...]
        return (Data(output), standIns)
    }

    /// Where the stand-in operator whose "MCID " is at `hit` starts, and its kind.
    private static func standInStart(_ bytes: [UInt8], before hit: Int) -> (Int, ArtifactKind)? {
        for (prefix, kind) in markers {
            let start = hit + 5 - prefix.count  // "MCID " is the prefix's last 5 bytes
            if start >= 0, bytes[start..<(start + prefix.count)].elementsEqual(prefix),
               start == 0 || [UInt8(ascii: "\n"), UInt8(ascii: " ")].contains(bytes[start - 1]) {
                return (start, kind)
            }
        }
        return nil
    }

    /// The MCID that starts at `position` and the index just past " >> BDC".
    private static func mcidAndEnd(_ bytes: [UInt8], from position: Int) -> (Int, Int)? {
        var cursor = position
        var mcid = 0
        while cursor < bytes.count, let digit = asciiDigit(bytes[cursor]) {
            mcid = mcid * 10 + digit
            cursor += 1
        }
        guard cursor > position, cursor + markerEnd.count <= bytes.count,
              bytes[cursor..<(cursor + markerEnd.count)].elementsEqual(markerEnd) else { return nil }
        return (mcid, cursor + markerEnd.count)
    }

    private static func asciiDigit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }

    /// The first index of `needle` in `bytes` at or after `start`. memchr finds its first byte: the content of a
    /// long dossier is tens of MB, and "M" is rare in Cairo's operators.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBytes { haystack -> Int? in
            guard let base = haystack.baseAddress else { return nil }
            var offset = start
            while offset + needle.count <= haystack.count {
                guard let first = memchr(base + offset, Int32(needle[0]), haystack.count - offset - needle.count + 1) else { return nil }
                let position = base.distance(to: UnsafeRawPointer(first))
                if memcmp(first, needle, needle.count) == 0 { return position }
                offset = position + 1
            }
            return nil
        }
    }

    /// Nulls the parent tree entries of `mcids` in a page's array; returns the elements they named.
    private static func forget(_ mcids: [Int], in entry: qpdf_oh, _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) -> [Int] {
        let elements = d.items(entry)
        var removed: [Int] = []
        for mcid in mcids where mcid < elements.count {
            removed.append(d.objectID(elements[mcid]))
            d.setItem(entry, mcid, d.null)
        }
        changes.touch(d.objectID(entry))
        return removed
    }

    /// Takes `elements` out of their parents' /K and deletes them.
    private static func removeElements(_ elements: [Int], _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) throws {
        var byParent: [Int: Set<Int>] = [:]
        for id in elements where id > 0 {
            guard let parent = d.key(d.object(id), "/P") else { continue }
            byParent[d.objectID(parent), default: []].insert(id)
        }
        for (parentID, children) in byParent.sorted(by: { $0.key < $1.key }) {
            let parent = d.object(parentID)
            guard let kids = d.key(parent, "/K") else { continue }
            let kept = (d.isDictionary(kids) ? [kids] : d.items(kids)).filter { !children.contains(d.objectID($0)) }
            d.set(parent, "/K", d.array(kept))
            changes.touch(parentID)
        }
        changes.freed.formUnion(elements.filter { $0 > 0 })
    }
}
