import CQPDF
import DossierFiles
import DossierFrames
import Foundation
import Synchronization

/// Finishes a PDF written by Cairo 1.16, which cannot write these itself: document language and reading
/// direction, dates in PDF form, XMP metadata matching the information dictionary, the sRGB output
/// intent and PDF/A-3b identification, printable link annotations, what PDF/UA-1 asks of the structure
/// (`Accessibility`) and its identification, the source data as an associated file, and a content-derived
/// file identifier (the seal).
///
/// libqpdf reads Cairo's file (lazily: only the objects looked at are parsed) and makes the changes on its
/// objects, but for the many small ones Cairo writes for each page and element (page contents, structure
/// elements, parent tree arrays), edited as text (`Artifacts`, `ObjectText`). The changed objects are then
/// written where Cairo's stand and the new ones appended as an incremental update (`CairoFile`), so a dossier of
/// 2000 pages and 100 000 objects is not parsed and rewritten whole.
public enum PDFFinisher {
    /// Reads `input` (Cairo's output), writes the finished file to `output` under a temporary name and
    /// renames it when complete.
    public static func finish(_ input: URL, into output: URL, settings: ArchiveSettings) throws {
        try finish(input, into: output, settings: settings, long: LongFile())
    }

    /// From which sizes of Cairo's file the finishing works as it does for a long dossier. Tests lower them.
    package struct LongFile {
        /// From this size the objects' new bodies are kept in a scratch file (`ReplacedBodies`).
        var spillingFrom: Int
        /// From this size libqpdf reads Cairo's file through its own reader rather than from a mapping of it
        /// (`QPDFDocument(inMemory:)`). Walking a long dossier's pages touches the whole file (each page's object
        /// stands after its content), and the kernel maps the file's cached pages by large blocks: for a
        /// 10 000-project dossier, 430 MB of the mapped file counted in the process's memory at once, at the start of
        /// the finishing. libqpdf's reader copies what it reads instead, a few seconds more on a file that size.
        var readingThroughFrom: Int

        package init(spillingFrom: Int = 64 << 20, readingThroughFrom: Int = 128 << 20) {
            self.spillingFrom = spillingFrom
            self.readingThroughFrom = readingThroughFrom
        }
    }

    /// `finish` with the sizes from which a file is finished as a long one; returns whether the objects' new bodies
    /// were kept in a scratch file.
    @discardableResult
    package static func finish(_ input: URL, into output: URL, settings: ArchiveSettings, long: LongFile) throws -> Bool {
        let cairo = try CairoFile(contentsOf: input)
        let edited = try edit(input, cairo: cairo, settings: settings, long: long,
                              scratchFolder: output.deletingLastPathComponent())
        try OutputFile.write(to: output) { scratch in
            var file = try SealedFile(creating: scratch)
            let xref = try cairo.write(replacing: edited.replacements, deleting: edited.freed, to: &file)
            try edited.update.write(to: &file, root: edited.root, info: edited.info, previousXref: xref)
            try file.seal()
            try FailurePoint.check("finishing")
        }
        return edited.replacements.isSpilled
    }

    /// The changes the finishing makes to Cairo's file, worked out with libqpdf: the new bodies of changed objects
    /// (written in place of Cairo's), the update with the new ones, and the root's number. libqpdf's document is let
    /// go before the file is written: a 10 000-project dossier's parsed objects are about 400 MB.
    private static func edit(_ input: URL, cairo: CairoFile, settings: ArchiveSettings, long: LongFile, scratchFolder: URL)
        throws -> (replacements: ReplacedBodies, update: IncrementalUpdate, freed: Set<Int>, info: Int, root: Int) {
        let document = try QPDFDocument(reading: input.path, inMemory: cairo.size < long.readingThroughFrom)
        let firstNew = document.size
        var changes = Changes(firstNew: firstNew, spillingIn: cairo.size >= long.spillingFrom ? scratchFolder : nil)
        try apply(settings, to: document, cairo: cairo, changes: &changes)
        // Changed objects take the place of Cairo's; new ones go in the update.
        let replacements = try changes.replacements(document)
        let update = try changes.update(document, firstNew: firstNew)
        return (replacements, update, changes.freed, changes.info, document.objectID(document.root))
    }

    /// Writes Cairo's file `input` to `output` with the streams Cairo left plain compressed (`CairoStreams`) and,
    /// when `info` is given, the document's language and reading direction in its catalog and its information
    /// dictionary as the finishing writes it: a draft (no PDF/A, structure, attached data or seal). Written under a
    /// temporary name and renamed when complete.
    public static func compressStreams(_ input: URL, into output: URL, info: DocumentInfo? = nil) throws {
        let cairo = try CairoFile(contentsOf: input)
        var changes = Changes(firstNew: 0)
        _ = try CairoStreams.rewrite(cairo, contents: [:], roles: [], &changes)
        if let info {
            let (catalogID, catalogBody) = try catalog(of: cairo, language: info.language, rightToLeft: info.rightToLeft)
            changes.replaced.set(catalogID, catalogBody)
            // Cairo 1.16 writes its dates without the `D:` of PDF dates (viewers then hide them) and names itself
            // the producer; the finishing writes this dictionary anew, and so does a draft.
            guard let infoID = try cairo.trailerReference("/Info") else { throw Self.unreadable("information dictionary") }
            changes.replaced.set(infoID, Data(informationDictionary(info).utf8))
        }
        try OutputFile.write(to: output) { scratch in
            var file = try SealedFile(creating: scratch, sealing: false)
            _ = try cairo.write(replacing: changes.replaced, deleting: changes.freed, to: &file)
            try file.close()
        }
    }

    /// Cairo's catalog with `/Lang` and the reading direction (`/ViewerPreferences`, as the finishing writes them)
    /// added as text, for a draft, which does not go through libqpdf.
    static func catalog(of cairo: CairoFile, language: String, rightToLeft: Bool) throws -> (id: Int, body: Data) {
        var entries = ["/ViewerPreferences << /Direction /\(rightToLeft ? "R2L" : "L2R") /DisplayDocTitle true >>"]
        if !language.isEmpty { entries.insert("/Lang \(PDFSyntax.text(language))", at: 0) }
        guard let id = try cairo.trailerReference("/Root"), let catalog = try cairo.object(id),
              let body = catalog.adding(entries.joined(separator: " ")) else {
            throw unreadable("document catalog")
        }
        return (id, body)
    }

    /// The information dictionary of a draft: what `writeInfo` writes for a finished dossier.
    static func informationDictionary(_ info: DocumentInfo) -> String {
        var entries = [("/Title", info.title), ("/Author", info.author), ("/Subject", info.subject), ("/Keywords", info.keywords),
                       ("/Creator", info.creator), ("/Producer", XMP.producer)]
        if !info.creationDate.isEmpty {
            entries += [("/CreationDate", Dates.pdf(info.creationDate)), ("/ModDate", Dates.pdf(info.creationDate))]
        }
        return "<< " + entries.map { "\($0.0) \(PDFSyntax.text($0.1))" }.joined(separator: " ") + " >>"
    }

    private static func unreadable(_ what: String) -> ArchiveError {
        ArchiveError.io(file: "Cairo's PDF", reason: "its \(what) could not be read to complete the draft")
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
        /// Existing objects given new bodies here rather than through libqpdf: streams with new data (libqpdf
        /// unparses a stream's dictionary only), and Cairo's structure elements and parent tree arrays (`ObjectText`).
        var replaced: ReplacedBodies
        /// Existing objects deleted.
        var freed: Set<Int> = []
        var info = 0

        /// `spillingIn`: the folder where the replaced bodies are kept in a scratch file (`ReplacedBodies`), for a
        /// long document; nil: in memory.
        init(firstNew: Int, spillingIn folder: URL? = nil) {
            nextID = firstNew
            replaced = ReplacedBodies(spillingIn: folder)
        }

        /// Records an existing indirect object as changed.
        mutating func touch(_ id: Int) { if id > 0 { changed.insert(id) } }

        /// A new object with `body` (PDF syntax, placeholders allowed unless `verbatim`); returns its number.
        mutating func add(_ body: Data, verbatim: Bool = false) -> Int {
            defer { nextID += 1 }
            added.append((nextID, body, verbatim))
            return nextID
        }

        static func reference(_ id: Int, _ d: QPDFDocument) -> qpdf_oh { d.name("/DossierRef\(id)") }

        /// Placeholder names become references: `/DossierRef12` becomes `12 0 R`.
        ///
        /// Scanned by hand rather than with a regular expression: Foundation compiles the pattern again on every
        /// call (about 30 000 instructions), and this runs for every object the finishing writes.
        static func resolve(_ syntax: String) -> String {
            let marker = Array("/DossierRef".utf8)
            let bytes = Array(syntax.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == marker[0], bytes[index...].starts(with: marker) {
                    var end = index + marker.count
                    while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
                    if end > index + marker.count {
                        result += bytes[(index + marker.count)..<end]
                        result += Array(" 0 R".utf8)
                        index = end
                        continue
                    }
                }
                result.append(bytes[index])
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }

        /// The new bodies of the changed objects, written where the old ones stand (`CairoFile`).
        func replacements(_ d: QPDFDocument) throws -> ReplacedBodies {
            let replacedIDs = replaced.ids
            guard changed.isDisjoint(with: replacedIDs), changed.isDisjoint(with: freed), freed.isDisjoint(with: replacedIDs) else {
                throw ArchiveError.qpdf(file: d.file, message: "an object was both edited by libqpdf and rewritten or deleted")
            }
            var bodies = replaced
            for id in changed { bodies.set(id, d.releasingHandles { Data(Self.resolve(d.syntax(d.object(id))).utf8) }) }
            try d.check()
            return bodies
        }

        /// The new objects, appended as an incremental update.
        func update(_ d: QPDFDocument, firstNew: Int) throws -> IncrementalUpdate {
            var update = IncrementalUpdate(size: firstNew)
            for (id, body, verbatim) in added {
                update.set(id, verbatim ? body : Data(Self.resolve(String(decoding: body, as: UTF8.self)).utf8))
            }
            while update.nextID < nextID { _ = update.reserve() }
            try d.check()
            return update
        }
    }

    static func apply(_ settings: ArchiveSettings, to d: QPDFDocument, cairo: CairoFile, changes: inout Changes) throws {
        let root = d.root
        changes.touch(d.objectID(root))
        d.set(root, "/Lang", qpdf_oh_new_string(d.q, settings.language))
        d.set(root, "/Version", d.name("/1.7"))
        d.set(root, "/ViewerPreferences", d.dictionary([
            ("/Direction", d.name(settings.rightToLeft ? "/R2L" : "/L2R")), ("/DisplayDocTitle", d.bool(true)),
        ]))
        changes.info = writeInfo(settings, d, &changes)
        let scan = try CairoStreams.rewrite(cairo, contents: try Artifacts.contentStreams(d, cairo), roles: Accessibility.roles.union(["Form"]), &changes)
        let accessible = try Accessibility.complete(settings, d, cairo, scan, &changes)
        // PDF/A-1 readers want the XMP packet unfiltered; it is small. It claims PDF/UA only once the structure
        // is complete, and never without PDF/A (drafts and --no-pdfa claim nothing).
        let packet = XMP.packet(settings, claimsPDFUA: settings.pdfa && accessible)
        let xmp = try stream(packet, compress: false, entries: [("/Type", d.name("/Metadata")), ("/Subtype", d.name("/XML"))], d, &changes)
        d.set(root, "/Metadata", xmp)
        if settings.pdfa { try addOutputIntent(settings, d, &changes) }
        if let attachment = settings.attachment { try attach(attachment, date: settings.info.creationDate, d, &changes) }
        try SignatureFields.add(settings.signatureFields, forms: scan.elements["Form", default: []], d, &changes, cairo: cairo)
        try d.check()
    }

    /// A new stream object; returns a reference to it.
    static func stream(_ data: Data, compress: Bool = true, deflated: Data? = nil, entries: [(String, qpdf_oh)],
                               _ d: QPDFDocument, _ changes: inout Changes) throws -> qpdf_oh {
        let dictionary = Changes.resolve(d.syntax(d.dictionary(entries))).dropFirst(2).dropLast(2).trimmingCharacters(in: .whitespaces)
        let body = try PDFSyntax.stream(dictionary, data: data, compress: compress, deflated: deflated)
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
        guard let profile = try ICCProfiles.shared.profile(at: settings.iccProfile) else {
            throw ArchiveError.io(file: settings.iccProfile.path, reason: "the sRGB ICC profile is missing; install it with: apt-get install icc-profiles-free")
        }
        let icc = try stream(profile.data, deflated: profile.deflated, entries: [("/N", d.integer(3))], d, &changes)
        let intent = d.dictionary([
            ("/Type", d.name("/OutputIntent")), ("/S", d.name("/GTS_PDFA1")),
            ("/OutputConditionIdentifier", d.text("sRGB IEC61966-2.1")), ("/Info", d.text("sRGB IEC61966-2.1")),
            ("/DestOutputProfile", icc),
        ])
        d.set(d.root, "/OutputIntents", d.array([intent]))
    }

    /// The attachment as an embedded file, listed in the catalog's /AF and /Names /EmbeddedFiles.
    private static func attach(_ attachment: Attachment, date: String, _ d: QPDFDocument, _ changes: inout Changes) throws {
        let embedded = try stream(attachment.data, deflated: attachment.deflated, entries: [
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

/// The output intent's ICC profiles, read and compressed once per process rather than once per dossier (every
/// dossier of a batch embeds the same profile).
final class ICCProfiles: Sendable {
    static let shared = ICCProfiles()
    private let profiles = Mutex<[URL: (data: Data, deflated: Data)]>([:])

    func profile(at url: URL) throws -> (data: Data, deflated: Data)? {
        try profiles.withLock { profiles in
            if let known = profiles[url] { return known }
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            let profile = (data, try PDFSyntax.deflate(data))
            profiles[url] = profile
            return profile
        }
    }
}
