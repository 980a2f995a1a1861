import CQPDF
import DossierFrames
import Foundation

/// Turns the stand-in elements Cairo wrote for artifacts into artifacts. Cairo 1.16 refuses an `Artifact` tag and
/// writes every tag as a structure element whose content it marks with an MCID, so the layout tags artifacts with
/// a structure type no content uses (`ArtifactKind.standInRole`), and here, for each of them:
/// - in the page's content, `/Private << /MCID 3 >> BDC` becomes `/Artifact << /Type /Pagination >> BDC` (its
///   `EMC` stays where it is);
/// - the page's entry for MCID 3 in the parent tree becomes null;
/// - the element leaves its parent's /K and is deleted (taken out of the file, free in its table).
///
/// The page contents are edited as `CairoStreams` reads them (`replaceStandIns`), before they are compressed.
enum Artifacts {
    /// The stand-in structure elements Cairo wrote on one page: MCID → the kind of artifact.
    typealias StandIns = [Int: ArtifactKind]

    /// The page content streams whose stand-ins are to be replaced: object number → page index. None when the
    /// document has no parent tree (then Cairo marked no content). Read from the page objects' text: libqpdf would
    /// parse each content stream to tell a stream from an array, and reads the whole of it doing so.
    static func contentStreams(_ d: QPDFDocument, _ cairo: CairoFile) throws -> [Int: Int] {
        guard d.key(d.root, "/StructTreeRoot").flatMap({ d.key($0, "/ParentTree") }) != nil else { return [:] }
        var pages: [Int: Int] = [:]
        for (index, page) in d.pages.enumerated() {
            let id = d.objectID(page)
            if let single = try cairo.object(id)?.reference("/Contents") {
                pages[single] = index
                continue
            }
            d.releasingHandles {
                guard let contents = d.key(page, "/Contents") else { return }
                for stream in d.isStream(contents) ? [contents] : d.items(contents) { pages[d.objectID(stream)] = index }
            }
        }
        return pages
    }

    /// Takes the stand-ins `CairoStreams` found in the page contents out of the structure; returns how many there were.
    @discardableResult
    static func mark(_ found: [Int: StandIns], _ d: QPDFDocument, _ cairo: CairoFile, _ changes: inout PDFFinisher.Changes) throws -> Int {
        guard !found.isEmpty else { return 0 }
        guard let parentTree = d.key(d.root, "/StructTreeRoot").flatMap({ d.key($0, "/ParentTree") }) else { return 0 }
        let pageArrays = try parentTreeArrays(d.objectID(parentTree), cairo)
        let pages = d.pages
        var removed: [Int] = []
        for (index, standIns) in found.sorted(by: { $0.key < $1.key }) {
            guard let key = d.key(pages[index], "/StructParents").flatMap(d.integer), let array = pageArrays[key] else {
                throw ArchiveError.qpdf(file: d.file, message: "page \(index + 1) has marked content but no parent tree entry")
            }
            removed += try forget(standIns.keys.sorted(), in: array, cairo, &changes)
        }
        try removeElements(removed, d, cairo, &changes)
        return removed.count
    }

    /// The object number of each entry of the parent tree, by key. Cairo writes the tree as one object with a flat
    /// /Nums array (no /Kids): a page's entry is an array of the elements its MCIDs belong to.
    static func parentTreeArrays(_ tree: Int, _ cairo: CairoFile) throws -> [Int: Int] {
        guard let items = try cairo.object(tree)?.arrayItems(of: "/Nums"), items.count % 2 == 0 else {
            throw ArchiveError.qpdf(file: "Cairo's PDF", message: "its parent tree is not one /Nums array")
        }
        var entries: [Int: Int] = [:]
        for index in stride(from: 0, to: items.count, by: 2) {
            if let key = Int(items[index]), let array = ObjectText.referenced(items[index + 1]) { entries[key] = array }
        }
        return entries
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
    private static func forget(_ mcids: [Int], in array: Int, _ cairo: CairoFile, _ changes: inout PDFFinisher.Changes) throws -> [Int] {
        guard var items = try cairo.object(array)?.arrayItems() else {
            throw ArchiveError.qpdf(file: "Cairo's PDF", message: "a page's parent tree entry is not an array")
        }
        var removed: [Int] = []
        for mcid in mcids where mcid < items.count {
            if let element = ObjectText.referenced(items[mcid]) { removed.append(element) }
            items[mcid] = "null"
        }
        changes.replaced.set(array, ObjectText.array(items))
        return removed
    }

    /// Takes `elements` out of their parents' /K and deletes them.
    private static func removeElements(_ elements: [Int], _ d: QPDFDocument, _ cairo: CairoFile,
                                       _ changes: inout PDFFinisher.Changes) throws {
        var byParent: [Int: Set<Int>] = [:]
        for id in elements {
            guard let parent = try cairo.object(id)?.reference("/P") else {
                throw ArchiveError.qpdf(file: "Cairo's PDF", message: "structure element \(id) has no parent")
            }
            byParent[parent, default: []].insert(id)
        }
        // The parents are few (the document element, or one section a page): libqpdf edits them.
        // A handle for each kid (the document element of a 10 000-project dossier has hundreds of thousands) is let
        // go once its parent is edited: the parent holds the kids it keeps.
        for (parentID, children) in byParent.sorted(by: { $0.key < $1.key }) {
            let edited = d.releasingHandles {
                let parent = d.object(parentID)
                guard let kids = d.key(parent, "/K") else { return false }
                let kept = (d.isDictionary(kids) ? [kids] : d.items(kids)).filter { !children.contains(d.objectID($0)) }
                d.set(parent, "/K", d.array(kept))
                return true
            }
            if edited { changes.touch(parentID) }
        }
        changes.freed.formUnion(elements)
    }
}
