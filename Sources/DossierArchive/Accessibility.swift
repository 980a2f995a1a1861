import CQPDF
import DossierFrames
import Foundation

/// What PDF/UA-1 asks of the structure that Cairo 1.16 cannot write: artifacts (`Artifacts`), the alternative
/// text of figures, what header cells head, a description for each link and the tab order of pages with links.
/// Cairo drops tag attributes, so they are added here to the elements it wrote.
enum Accessibility {
    /// Completes the structure of a tagged document; returns whether all of it could be: only then does the file
    /// claim PDF/UA.
    /// `scan`: what the pass over Cairo's file found (stand-ins, and the elements of `roles`).
    /// The structure element roles the finishing completes.
    static let roles: Set<String> = ["Figure", "TH"]

    static func complete(_ settings: ArchiveSettings, _ d: QPDFDocument, _ cairo: CairoFile, _ scan: CairoStreams,
                         _ changes: inout PDFFinisher.Changes) throws -> Bool {
        let links = describeLinks(settings.linkDescriptions, d, &changes)
        guard d.key(d.root, "/StructTreeRoot") != nil else { return false }
        try Artifacts.mark(scan.standIns, d, cairo, &changes)
        let elements = scan.elements
        let figureElements = elements["Figure", default: []]
        // Alternative texts are matched to Cairo's elements by position: a count that differs means they would
        // describe the wrong figures, so the file is not finished at all rather than finished wrong.
        guard figureElements.count == settings.figureAlternatives.count else {
            throw ArchiveError.qpdf(file: d.file, message: "the drawn file has \(figureElements.count) figures but "
                                    + "\(settings.figureAlternatives.count) alternative texts were laid out (internal error: please report it)")
        }
        let figures = try add(settings.figureAlternatives.map { "/Alt " + PDFSyntax.text($0) }, to: figureElements, cairo, &changes)
        let scopes = Dictionary(uniqueKeysWithValues: [HeaderScope.column, .row].map { scope in
            (scope, changes.add(Data("<< /O /Table /Scope /\(scope.rawValue) >>".utf8)))
        })
        let headers = try add(settings.headerScopes.map { "/A \(scopes[$0]!) 0 R" }, to: elements["TH", default: []], cairo, &changes)
        return links && figures && headers
    }

    /// Adds an entry to each element, in order (the header cells of one scope share their attributes object);
    /// returns whether there were as many entries as elements.
    private static func add(_ entries: [String], to elements: [Int], _ cairo: CairoFile, _ changes: inout PDFFinisher.Changes) throws -> Bool {
        for (id, entry) in zip(elements, entries) {
            guard let body = try cairo.object(id)?.adding(entry) else { return false }
            changes.replaced.set(id, body)
        }
        return elements.count == entries.count
    }

    /// Every link annotation gets a description (/Contents, for readers that announce links) and is printable
    /// (/F 4, for PDF/A; Cairo writes no flags); pages with links are read in structure order (/Tabs /S). Returns
    /// whether every link had a description.
    private static func describeLinks(_ descriptions: [String: String], _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) -> Bool {
        var complete = true
        for page in d.pages {
            d.releasingHandles {
                guard let annotations = d.key(page, "/Annots"), !d.items(annotations).isEmpty else { return }
                d.set(page, "/Tabs", d.name("/S"))
                changes.touch(d.objectID(page))
                for annotation in d.items(annotations) where d.isDictionary(annotation) {
                    d.set(annotation, "/F", d.integer(4))
                    if let target = linkTarget(annotation, d) {
                        d.set(annotation, "/Contents", d.text(descriptions[target] ?? target))
                    } else if d.key(annotation, "/Subtype").flatMap(d.nameText) == "/Link" {
                        complete = false
                    }
                    // Nothing else of the finishing looks at an annotation: its text is taken now, as the changed
                    // objects' text is at the end (`Changes.replacements`), and libqpdf lets it go.
                    let id = d.objectID(annotation)
                    if id > 0 { changes.replaced.set(id, Data(PDFFinisher.Changes.resolve(d.takeSyntax(id)).utf8)) }
                }
            }
        }
        return complete
    }

    /// The destination name (`/Dest (summary)`) or URI (`/A << /S /URI /URI (…) >>`) a link annotation goes to.
    private static func linkTarget(_ annotation: qpdf_oh, _ d: QPDFDocument) -> String? {
        if let destination = d.key(annotation, "/Dest").flatMap(d.string) { return destination }
        return d.key(annotation, "/A").flatMap { d.key($0, "/URI") }.flatMap(d.string)
    }
}
