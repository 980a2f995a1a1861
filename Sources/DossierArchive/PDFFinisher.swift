import CQPDF
import DossierFiles
import DossierFrames
import Foundation

/// Finishes a PDF written by Cairo 1.16, which cannot write these itself: document language and reading
/// direction, dates in PDF form, XMP metadata matching the information dictionary, the sRGB output
/// intent and PDF/A-3b identification, printable link annotations, figure alternative texts, the source
/// data as an associated file, and a content-derived file identifier (the seal).
///
/// libqpdf reads Cairo's file (lazily: only the objects looked at are parsed) and makes every change on
/// its objects; the changed and new objects are then appended as an incremental update, so a dossier of
/// 2000 pages and 100 000 objects is not rewritten whole.
public enum PDFFinisher {
    /// Reads `input` (Cairo's output), writes the finished file to `output` under a temporary name and
    /// renames it when complete.
    public static func finish(_ input: URL, into output: URL, settings: ArchiveSettings) throws {
        guard let original = FileManager.default.contents(atPath: input.path),
              let previousXref = IncrementalUpdate.lastXref(original) else {
            throw ArchiveError.io(file: input.path, reason: "cannot read the PDF to finish")
        }
        let document = try QPDFDocument(reading: input.path)
        let firstNew = document.size
        var changes = Changes(firstNew: firstNew)
        try apply(settings, to: document, changes: &changes, original: original)
        var bytes = try changes.update(document, firstNew: firstNew).appended(
            to: original, root: document.objectID(document.root), info: changes.info, previousXref: previousXref)
        guard Seal.apply(&bytes) else {
            throw ArchiveError.io(file: output.path, reason: "the finished PDF has no identifier to seal")
        }
        try OutputFile.write(to: output) { scratch in
            do {
                try bytes.withUnsafeMutableBytes { buffer in
                    try Data(bytesNoCopy: buffer.baseAddress!, count: buffer.count, deallocator: .none).write(to: scratch)
                }
            } catch {
                throw ArchiveError.io(file: output.path, reason: error.localizedDescription)
            }
            try FailurePoint.check("finishing")
        }
    }

    /// The objects a finishing changes or adds. New objects are numbered here, not by libqpdf: asking
    /// libqpdf for a new indirect object makes it resolve every object of the file first (hundreds of MB on
    /// a long dossier). Objects refer to new ones through placeholder names (`/DossierRef1390`), turned into
    /// references (`1390 0 R`) when the update is written.
    struct Changes {
        private(set) var nextID: Int
        var changed: Set<Int> = []
        /// New objects; `verbatim` ones (streams, whose data is binary) are written as they are.
        var added: [(id: Int, body: Data, verbatim: Bool)] = []
        var info = 0

        init(firstNew: Int) { nextID = firstNew }

        /// Records an existing indirect object as changed.
        mutating func touch(_ id: Int) { if id > 0 { changed.insert(id) } }

        /// A new object with `body` (PDF syntax, placeholders allowed unless `verbatim`); returns its number.
        mutating func add(_ body: Data, verbatim: Bool = false) -> Int {
            defer { nextID += 1 }
            added.append((nextID, body, verbatim))
            return nextID
        }

        static func reference(_ id: Int, _ d: QPDFDocument) -> qpdf_oh { d.name("/DossierRef\(id)") }

        /// Placeholder names become references.
        static func resolve(_ syntax: String) -> String {
            syntax.replacingOccurrences(of: #"/DossierRef(\d+)"#, with: "$1 0 R", options: .regularExpression)
        }

        func update(_ d: QPDFDocument, firstNew: Int) throws -> IncrementalUpdate {
            var update = IncrementalUpdate(size: firstNew)
            for id in changed.sorted() { update.set(id, Self.resolve(d.syntax(d.object(id)))) }
            for (id, body, verbatim) in added {
                update.set(id, verbatim ? body : Data(Self.resolve(String(decoding: body, as: UTF8.self)).utf8))
            }
            while update.nextID < nextID { _ = update.reserve() }
            try d.check()
            return update
        }
    }

    static func apply(_ settings: ArchiveSettings, to d: QPDFDocument, changes: inout Changes, original: Data) throws {
        let root = d.root
        changes.touch(d.objectID(root))
        d.set(root, "/Lang", qpdf_oh_new_string(d.q, settings.language))
        d.set(root, "/Version", d.name("/1.7"))
        d.set(root, "/ViewerPreferences", d.dictionary([
            ("/Direction", d.name(settings.rightToLeft ? "/R2L" : "/L2R")), ("/DisplayDocTitle", d.bool(true)),
        ]))
        changes.info = writeInfo(settings, d, &changes)
        // PDF/A-1 readers want the XMP packet unfiltered; it is small.
        let xmp = stream(XMP.packet(settings), compress: false, entries: [("/Type", d.name("/Metadata")), ("/Subtype", d.name("/XML"))], d, &changes)
        d.set(root, "/Metadata", xmp)
        if settings.pdfa { try addOutputIntent(settings, d, &changes) }
        makeAnnotationsPrintable(d, &changes)
        addFigureAlternatives(settings.figureAlternatives, d, &changes, original: original)
        if let attachment = settings.attachment { attach(attachment, date: settings.info.creationDate, d, &changes) }
        try SignatureFields.add(settings.signatureFields, d, &changes, original: original)
        try d.check()
    }

    /// A new stream object; returns a reference to it.
    static func stream(_ data: Data, compress: Bool = true, deflated: Data? = nil, entries: [(String, qpdf_oh)],
                               _ d: QPDFDocument, _ changes: inout Changes) -> qpdf_oh {
        let dictionary = Changes.resolve(d.syntax(d.dictionary(entries))).dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        let body = PDFSyntax.stream(dictionary, data: data, compress: compress, deflated: deflated)
        return Changes.reference(changes.add(body, verbatim: true), d)
    }

    /// A new dictionary object; returns a reference to it.
    static func object(_ entries: [(String, qpdf_oh)], _ d: QPDFDocument, _ changes: inout Changes) -> qpdf_oh {
        Changes.reference(changes.add(Data(d.syntax(d.dictionary(entries)).utf8)), d)
    }

    private static func writeInfo(_ settings: ArchiveSettings, _ d: QPDFDocument, _ changes: inout Changes) -> Int {
        let info = settings.info
        return changes.add(Data(d.syntax(d.dictionary([
            ("/Title", d.text(info.title)), ("/Author", d.text(info.author)), ("/Subject", d.text(info.subject)),
            ("/Keywords", d.text(info.keywords)), ("/Creator", d.text(info.creator)), ("/Producer", d.text(XMP.producer)),
            ("/CreationDate", qpdf_oh_new_string(d.q, Dates.pdf(info.creationDate))),
            ("/ModDate", qpdf_oh_new_string(d.q, Dates.pdf(info.creationDate))),
        ])).utf8))
    }

    private static func addOutputIntent(_ settings: ArchiveSettings, _ d: QPDFDocument, _ changes: inout Changes) throws {
        guard let profile = FileManager.default.contents(atPath: settings.iccProfile.path) else {
            throw ArchiveError.io(file: settings.iccProfile.path, reason: "the sRGB ICC profile is missing; install it with: apt-get install icc-profiles-free")
        }
        let icc = stream(profile, entries: [("/N", d.integer(3))], d, &changes)
        let intent = d.dictionary([
            ("/Type", d.name("/OutputIntent")), ("/S", d.name("/GTS_PDFA1")),
            ("/OutputConditionIdentifier", d.text("sRGB IEC61966-2.1")), ("/Info", d.text("sRGB IEC61966-2.1")),
            ("/DestOutputProfile", icc),
        ])
        d.set(d.root, "/OutputIntents", d.array([intent]))
    }

    /// PDF/A wants every annotation printable (/F 4); Cairo writes link annotations without flags.
    private static func makeAnnotationsPrintable(_ d: QPDFDocument, _ changes: inout Changes) {
        for page in d.pages {
            guard let annotations = d.key(page, "/Annots") else { continue }
            for annotation in d.items(annotations) where d.isDictionary(annotation) {
                d.set(annotation, "/F", d.integer(4))
                changes.touch(d.objectID(annotation))
            }
        }
    }

    /// Cairo drops tag attributes, so figures get their /Alt here, in document order. Cairo numbers
    /// structure elements in the order they open, so the figures are found by scanning its output rather
    /// than by loading the whole structure tree.
    private static func addFigureAlternatives(_ alternatives: [String], _ d: QPDFDocument, _ changes: inout Changes,
                                              original: Data) {
        guard !alternatives.isEmpty else { return }
        for (id, alt) in zip(figureElements(in: original), alternatives) {
            let element = d.object(id)
            guard d.isDictionary(element) else { continue }
            d.set(element, "/Alt", d.text(alt))
            changes.touch(id)
        }
    }

    /// Object numbers of the `/S /Figure` structure elements Cairo wrote, in increasing order.
    static func figureElements(in data: Data) -> [Int] { structureElements("Figure", in: data) }

    /// Object numbers of the structure elements of type `role` Cairo wrote, in increasing order.
    static func structureElements(_ role: String, in data: Data) -> [Int] {
        let marker = Array("<< /Type /StructElem\n   /S /\(role)\n".utf8)
        return data.withUnsafeBytes { raw -> [Int] in
            guard let base = raw.baseAddress else { return [] }
            var ids: [Int] = []
            var offset = 0
            // One linear pass over the bytes (Foundation's Data.range is far slower on a 30 MB file).
            let bytes = base.assumingMemoryBound(to: UInt8.self)
            func matches(at i: Int) -> Bool {
                for k in 1..<marker.count where bytes[i + k] != marker[k] { return false }
                return true
            }
            while offset + marker.count <= raw.count {
                guard let first = memchr(base + offset, Int32(marker[0]), raw.count - offset - marker.count + 1) else { break }
                let position = base.distance(to: UnsafeRawPointer(first))
                guard matches(at: position) else { offset = position + 1; continue }
                // Back over "\n" to "N 0 obj" and read N.
                var cursor = position - 1
                while cursor > 0, raw[cursor] == UInt8(ascii: "\n") { cursor -= 1 }
                let lineStart = (0..<cursor).reversed().first { raw[$0] == UInt8(ascii: "\n") }.map { $0 + 1 } ?? 0
                let line = String(decoding: raw[lineStart...cursor], as: UTF8.self)
                if line.hasSuffix(" 0 obj"), let id = Int(line.dropLast(6)) { ids.append(id) }
                offset = position + marker.count
            }
            return ids.sorted()
        }
    }

    /// The attachment as an embedded file, listed in the catalog's /AF and /Names /EmbeddedFiles.
    private static func attach(_ attachment: Attachment, date: String, _ d: QPDFDocument, _ changes: inout Changes) {
        let embedded = stream(attachment.data, deflated: attachment.deflated, entries: [
            ("/Type", d.name("/EmbeddedFile")), ("/Subtype", d.name("/" + attachment.mimeType)),
            ("/Params", d.dictionary([("/Size", d.integer(attachment.data.count)),
                                      ("/ModDate", qpdf_oh_new_string(d.q, Dates.pdf(date)))])),
        ], d, &changes)
        let spec = object([
            ("/Type", d.name("/Filespec")), ("/F", d.text(attachment.fileName)), ("/UF", d.text(attachment.fileName)),
            ("/Desc", d.text(attachment.description)), ("/AFRelationship", d.name("/" + attachment.relationship)),
            ("/EF", d.dictionary([("/F", embedded), ("/UF", embedded)])),
        ], d, &changes)
        d.set(d.root, "/AF", d.array([spec]))
        if let existing = d.key(d.root, "/Names"), d.isDictionary(existing) {
            d.set(existing, "/EmbeddedFiles", d.dictionary([("/Names", d.array([d.text(attachment.fileName), spec]))]))
            changes.touch(d.objectID(existing))
        } else {
            d.set(d.root, "/Names", d.dictionary([("/EmbeddedFiles", d.dictionary([("/Names", d.array([d.text(attachment.fileName), spec]))]))]))
        }
    }
}
