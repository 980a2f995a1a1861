import Foundation
import Synchronization

/// One pass over Cairo's file that finds what the finishing and a draft write again:
/// - the streams Cairo left plain, compressed here once. Cairo 1.16 is made to write its page contents, ToUnicode
///   maps and forms uncompressed (`CairoPDFStreams` in DossierRender): the finishing edits every page's content
///   (`Artifacts`), and when Cairo had compressed it, it was inflated and compressed a second time here (on a
///   1000-project convention, zlib was 17 % of Cairo's serial drawing and most of the finishing); here the
///   compression runs on every core;
/// - in each page's content, the stand-in marks that become artifacts' (`Artifacts.replaceStandIns`), by page;
/// - the structure elements of the given roles (`Accessibility`, `SignatureFields`), by their first bytes.
///
/// The file is read a few megabytes at a time (`CairoFile.forEachPiece`) and only compressed bodies are kept.
/// Streams that already have a filter are left as they are, but for page contents compressed by a Cairo not told
/// to leave them plain, which are inflated, edited and compressed again when they hold stand-ins.
struct CairoStreams {
    /// Stand-in marks found in the page contents: page index → MCID → kind.
    var standIns: [Int: Artifacts.StandIns] = [:]
    /// Object numbers of the structure elements of each role asked for, in increasing order.
    var elements: [String: [Int]] = [:]

    /// Scans `cairo`, putting the new body of every stream it rewrites in `changes.replaced` and each such stream's
    /// indirect length object in `changes.freed`. `contents`: the page content streams (object number → page
    /// index) whose stand-ins are to be replaced; empty for a draft.
    static func rewrite(_ cairo: CairoFile, contents: [Int: Int], roles: Set<String>,
                        _ changes: inout PDFFinisher.Changes) throws -> CairoStreams {
        var found = CairoStreams()
        var seenContents = Set<Int>()
        try cairo.forEachPiece { piece, objects in
            var jobs: [Job] = []
            for (position, (id, range)) in objects.enumerated() {
                guard let start = bodyStart(piece, range) else { continue }
                if let stream = try StreamObject(piece, id: id, body: start..<range.upperBound) {
                    // Cairo writes a stream's length object just after it.
                    let next = position + 1 < objects.count ? objects[position + 1] : nil
                    if contents[id] != nil { seenContents.insert(id) }
                    if let job = try stream.job(piece, page: contents[id], cairo: cairo, next: next) { jobs.append(job) }
                } else if let role = elementRole(piece, at: start), roles.contains(role) {
                    found.elements[role, default: []].append(id)
                }
            }
            for (job, (body, standIns)) in zip(jobs, try compress(jobs)) {
                guard let body else { continue }
                changes.replaced.set(job.id, body)
                if let length = job.lengthObject { changes.freed.insert(length) }
                if let page = job.page, !standIns.isEmpty { found.standIns[page, default: [:]].merge(standIns) { first, _ in first } }
            }
        }
        found.elements = found.elements.mapValues { $0.sorted() }
        // Every page's content must have been read as a stream: one that was not would keep its stand-ins.
        if let missed = contents.keys.sorted().first(where: { !seenContents.contains($0) }) {
            throw CairoFile.failure("page \(contents[missed]! + 1)'s content (object \(missed)) is not a stream it can read")
        }
        return found
    }

    /// Where an object's body starts: past "N G obj" and the white space after it.
    private static func bodyStart(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        let keyword = Array("obj".utf8)
        var index = range.lowerBound
        let limit = min(range.upperBound, range.lowerBound + 40) - keyword.count
        while index <= limit, !bytes[index..<(index + keyword.count)].elementsEqual(keyword) { index += 1 }
        guard index <= limit else { return nil }
        index += keyword.count
        while index < range.upperBound, ObjectText.Token.isSpace(bytes[index]) { index += 1 }
        return index
    }

    /// The role of a structure element whose body starts at `start`, as Cairo writes it
    /// ("<< /Type /StructElem\n   /S /Figure\n").
    private static func elementRole(_ bytes: [UInt8], at start: Int) -> String? {
        let marker = structElementMarker
        guard start + marker.count <= bytes.count, bytes[start..<(start + marker.count)].elementsEqual(marker) else { return nil }
        var end = start + marker.count
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        return String(decoding: bytes[(start + marker.count)..<end], as: UTF8.self)
    }

    static let structElementMarker = Array("<< /Type /StructElem\n   /S /".utf8)

    /// A stream to write again: its data, compressed or not, and what to do with it.
    struct Job: Sendable {
        var id: Int
        /// The page whose content this is, when its stand-ins are to be replaced.
        var page: Int?
        /// The dictionary's entries but /Length (and /Filter, which it has only when `compressed`).
        var entries: String
        var data: Data
        var compressed: Bool
        var lengthObject: Int?
    }

    /// Each job's new body (nil: the stream stays as it is) and the stand-ins found in it, worked out on every core.
    private static func compress(_ jobs: [Job]) throws -> [(Data?, Artifacts.StandIns)] {
        let results = ParallelResults<(Data?, Artifacts.StandIns)>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            results.set(index, Result { try body(jobs[index]) })
        }
        return try results.values.map { try $0.get() }
    }

    private static func body(_ job: Job) throws -> (Data?, Artifacts.StandIns) {
        guard job.page != nil else { return (try PDFSyntax.stream(job.entries, data: job.data), [:]) }
        let content = job.compressed ? try BoundedStream.inflate(job.data, limit: BoundedStream.maximumBytes) : job.data
        if let (edited, standIns) = Artifacts.replaceStandIns(in: content) {
            return (try PDFSyntax.stream(job.entries, data: edited), standIns)
        }
        return (job.compressed ? nil : try PDFSyntax.stream(job.entries, data: content), [:])
    }
}

/// A stream object of Cairo's file: its dictionary's top-level entries and where its data starts.
private struct StreamObject {
    let id: Int
    let tokens: [String]
    let topLevelEntries: [(key: String, value: ArraySlice<String>)]
    let dataStart: Int
    let end: Int

    /// The stream whose body (from "<<") is `body` in `bytes`; nil when the object is not a stream.
    init?(_ bytes: [UInt8], id: Int, body: Range<Int>) throws {
        guard let dictionaryEnd = Self.dictionaryEnd(bytes, from: body.lowerBound, limit: body.upperBound) else { return nil }
        var index = dictionaryEnd
        while index < body.upperBound, ObjectText.Token.isSpace(bytes[index]) { index += 1 }
        let keyword = Array("stream".utf8)
        guard index + keyword.count <= body.upperBound, bytes[index..<(index + keyword.count)].elementsEqual(keyword) else { return nil }
        index += keyword.count
        if index < body.upperBound, bytes[index] == 0x0D { index += 1 }
        guard index < body.upperBound, bytes[index] == 0x0A else { throw CairoFile.failure("stream \(id) has no line end after its keyword") }
        self.id = id
        tokens = ObjectText.Token.all(in: Data(bytes[body.lowerBound..<dictionaryEnd]))
        topLevelEntries = Self.topLevelEntries(tokens)
        dataStart = index + 1
        end = body.upperBound
    }

    /// Past the ">>" closing the dictionary that opens at `start`; nil when no dictionary opens there.
    private static func dictionaryEnd(_ bytes: [UInt8], from start: Int, limit: Int) -> Int? {
        let open = UInt8(ascii: "<"), close = UInt8(ascii: ">")
        guard start + 1 < limit, bytes[start] == open, bytes[start + 1] == open else { return nil }
        var depth = 0
        var index = start
        while index < limit {
            switch bytes[index] {
            case open where index + 1 < limit && bytes[index + 1] == open:
                depth += 1
                index += 2
                continue
            case close where index + 1 < limit && bytes[index + 1] == close:
                depth -= 1
                index += 2
                if depth == 0 { return index }
                continue
            case open:  // a hexadecimal string
                while index < limit, bytes[index] != close { index += 1 }
            case UInt8(ascii: "("):  // a literal string, skipped as the tokenizer skips it
                index = ObjectText.Token.endOfLiteralString(bytes, from: index)
                continue
            default: break
            }
            index += 1
        }
        return nil
    }

    /// The dictionary's top-level entries: each key and its value's tokens ("6 0 R" is three, an array or a
    /// dictionary all its tokens).
    private static func topLevelEntries(_ tokens: [String]) -> [(key: String, value: ArraySlice<String>)] {
        var entries: [(key: String, value: ArraySlice<String>)] = []
        var index = 1  // past the opening "<<"
        while index < tokens.count - 1, tokens[index].hasPrefix("/") {
            let end = Self.valueEnd(tokens, from: index + 1)
            entries.append((tokens[index], tokens[(index + 1)..<end]))
            index = end
        }
        return entries
    }

    /// Past the value that starts at `start`: a reference, a whole array or dictionary, or one token.
    private static func valueEnd(_ tokens: [String], from start: Int) -> Int {
        guard start < tokens.count else { return tokens.count }
        switch tokens[start] {
        case "<<", "[":
            var depth = 0
            var index = start
            repeat {
                if ["<<", "["].contains(tokens[index]) { depth += 1 } else if [">>", "]"].contains(tokens[index]) { depth -= 1 }
                index += 1
            } while index < tokens.count && depth > 0
            return index
        default:
            let isReference = start + 2 < tokens.count && tokens[start + 2] == "R" && Int(tokens[start]) != nil && Int(tokens[start + 1]) != nil
            return start + (isReference ? 3 : 1)
        }
    }

    /// The value of a top-level entry, as its tokens.
    private func value(_ key: String) -> ArraySlice<String>? {
        topLevelEntries.first { $0.key == key }?.value
    }

    /// The top-level entries as PDF syntax, but /Length and the filter's (the new body says both).
    private var entries: String {
        topLevelEntries.filter { !["/Length", "/Filter", "/DecodeParms"].contains($0.key) }
            .map { ([$0.key] + $0.value).joined(separator: " ") }.joined(separator: " ")
    }

    /// What to do with this stream: nil when it stays as it is (filtered, and no page content to edit).
    func job(_ bytes: [UInt8], page: Int?, cairo: CairoFile, next: (id: Int, range: Range<Int>)?) throws -> CairoStreams.Job? {
        let filter = value("/Filter").map { $0.joined(separator: " ") }
        switch (filter, page) {
        case (nil, _): break
        case ("/FlateDecode", .some) where value("/DecodeParms") == nil:
            break  // a page content Cairo compressed: its stand-ins are still replaced
        case (.some(let other), .some): throw ArchiveError.qpdf(file: "Cairo's PDF", message: "a page's content has filters \(other)")
        case (.some, nil): return nil
        }
        guard let lengthValue = value("/Length") else { throw CairoFile.failure("stream \(id) has no /Length") }
        var lengthObject: Int?
        let length: Int?
        if lengthValue.count == 3, let object = Int(lengthValue.first!) {
            lengthObject = object
            let text = next?.id == object ? CairoFile.objectText(Data(bytes[next!.range])) : try cairo.object(object)
            length = text.flatMap { Int(String(decoding: $0.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
        } else {
            length = Int(lengthValue.first!)
        }
        guard let length, length >= 0, dataStart + length <= end else { throw CairoFile.failure("stream \(id) has a bad /Length") }
        return CairoStreams.Job(id: id, page: page, entries: entries, data: Data(bytes[dataStart..<(dataStart + length)]),
                                compressed: filter != nil, lengthObject: lengthObject)
    }
}

/// Results of parallel work, each set once by the thread that worked it out.
final class ParallelResults<Value: Sendable>: Sendable {
    private let slots: Mutex<[Result<Value, any Error>]>

    init(count: Int) { slots = Mutex(Array(repeating: .failure(CancellationError()), count: count)) }

    var values: [Result<Value, any Error>] { slots.withLock { $0 } }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        slots.withLock { $0[index] = result }
    }
}
