import CQPDF
import DossierFrames
import Foundation

/// Finishes a PDF written by Cairo 1.16, which cannot write these itself: document language and reading
/// direction, dates in PDF form, XMP metadata matching the information dictionary, the sRGB output
/// intent and PDF/A-3b identification, printable link annotations, figure alternative texts, the source
/// data as an associated file, and a content-derived file identifier (the seal).
public enum PDFFinisher {
    /// Reads `input` (Cairo's output), writes the finished file to `output` under a temporary name and
    /// renames it when complete.
    public static func finish(_ input: URL, into output: URL, settings: ArchiveSettings) throws {
        let document = try QPDFDocument(reading: input.path)
        try apply(settings, to: document)
        let folder = output.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(output.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).sealing")
        defer { try? FileManager.default.removeItem(at: temporary) }
        try document.write(to: temporary.path)
        guard let bytes = FileManager.default.contents(atPath: temporary.path), let sealed = Seal.apply(Array(bytes)) else {
            throw ArchiveError.io(file: output.path, reason: "the written PDF has no identifier to seal")
        }
        do {
            try Data(sealed).write(to: temporary)
            if FileManager.default.fileExists(atPath: output.path) { try FileManager.default.removeItem(at: output) }
            try FileManager.default.moveItem(at: temporary, to: output)
        } catch {
            throw ArchiveError.io(file: output.path, reason: error.localizedDescription)
        }
    }

    static func apply(_ settings: ArchiveSettings, to d: QPDFDocument) throws {
        let root = d.root
        d.set(root, "/Lang", qpdf_oh_new_string(d.q, settings.language))
        d.set(root, "/ViewerPreferences", d.dictionary([
            ("/Direction", d.name(settings.rightToLeft ? "/R2L" : "/L2R")), ("/DisplayDocTitle", d.bool(true)),
        ]))
        writeInfo(settings, d)
        d.set(root, "/Metadata", d.stream(XMP.packet(settings), entries: [("/Type", d.name("/Metadata")), ("/Subtype", d.name("/XML"))]))
        if settings.pdfa { try addOutputIntent(settings, d) }
        makeAnnotationsPrintable(d)
        addFigureAlternatives(settings.figureAlternatives, d)
        if let attachment = settings.attachment { attach(attachment, date: settings.info.creationDate, d) }
        try d.check()
    }

    private static func writeInfo(_ settings: ArchiveSettings, _ d: QPDFDocument) {
        let info = settings.info
        let dictionary = d.indirect(d.dictionary([
            ("/Title", d.text(info.title)), ("/Author", d.text(info.author)), ("/Subject", d.text(info.subject)),
            ("/Keywords", d.text(info.keywords)), ("/Creator", d.text(info.creator)), ("/Producer", d.text(XMP.producer)),
            ("/CreationDate", qpdf_oh_new_string(d.q, Dates.pdf(info.creationDate))),
            ("/ModDate", qpdf_oh_new_string(d.q, Dates.pdf(info.creationDate))),
        ]))
        d.set(d.trailer, "/Info", dictionary)
    }

    private static func addOutputIntent(_ settings: ArchiveSettings, _ d: QPDFDocument) throws {
        guard let profile = FileManager.default.contents(atPath: settings.iccProfile.path) else {
            throw ArchiveError.io(file: settings.iccProfile.path, reason: "the sRGB ICC profile is missing; install it with: apt-get install icc-profiles-free")
        }
        let icc = d.stream(profile, entries: [("/N", d.integer(3))])
        let intent = d.dictionary([
            ("/Type", d.name("/OutputIntent")), ("/S", d.name("/GTS_PDFA1")),
            ("/OutputConditionIdentifier", d.text("sRGB IEC61966-2.1")), ("/Info", d.text("sRGB IEC61966-2.1")),
            ("/DestOutputProfile", icc),
        ])
        d.set(d.root, "/OutputIntents", d.array([intent]))
    }

    /// PDF/A wants every annotation printable (/F 4); Cairo writes link annotations without flags.
    private static func makeAnnotationsPrintable(_ d: QPDFDocument) {
        for page in d.pages {
            guard let annotations = d.key(page, "/Annots") else { continue }
            for annotation in d.items(annotations) where d.isDictionary(annotation) {
                d.set(annotation, "/F", d.integer(4))
            }
        }
    }

    /// Cairo drops tag attributes, so figures get their /Alt here, in structure-tree order.
    private static func addFigureAlternatives(_ alternatives: [String], _ d: QPDFDocument) {
        guard !alternatives.isEmpty, let tree = d.key(d.root, "/StructTreeRoot") else { return }
        var remaining = alternatives[...]
        func walk(_ node: qpdf_oh) {
            if d.isDictionary(node) {
                if let role = d.key(node, "/S"), d.isName(role, "/Figure"), let alt = remaining.popFirst() {
                    d.set(node, "/Alt", d.text(alt))
                }
                if let kids = d.key(node, "/K") {
                    if d.isDictionary(kids) { walk(kids) } else { for kid in d.items(kids) { walk(kid) } }
                }
            }
        }
        walk(tree)
    }

    /// The attachment as an embedded file, listed in the catalog's /AF and /Names /EmbeddedFiles.
    private static func attach(_ attachment: Attachment, date: String, _ d: QPDFDocument) {
        let embedded = d.stream(attachment.data, entries: [
            ("/Type", d.name("/EmbeddedFile")), ("/Subtype", d.name("/" + attachment.mimeType)),
            ("/Params", d.dictionary([("/Size", d.integer(attachment.data.count)),
                                      ("/ModDate", qpdf_oh_new_string(d.q, Dates.pdf(date)))])),
        ])
        let spec = d.indirect(d.dictionary([
            ("/Type", d.name("/Filespec")), ("/F", d.text(attachment.fileName)), ("/UF", d.text(attachment.fileName)),
            ("/Desc", d.text(attachment.description)), ("/AFRelationship", d.name("/" + attachment.relationship)),
            ("/EF", d.dictionary([("/F", embedded), ("/UF", embedded)])),
        ]))
        d.set(d.root, "/AF", d.array([spec]))
        let names: qpdf_oh
        if let existing = d.key(d.root, "/Names"), d.isDictionary(existing) { names = existing } else {
            names = d.dictionary([])
            d.set(d.root, "/Names", names)
        }
        d.set(names, "/EmbeddedFiles", d.dictionary([("/Names", d.array([d.text(attachment.fileName), spec]))]))
    }
}
