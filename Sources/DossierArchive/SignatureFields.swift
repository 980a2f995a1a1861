import CQPDF
import DossierFrames
import Foundation

/// Where an empty signature field goes: a page (0-based) and a rectangle in the page's top-down points.
public struct SignatureFieldPlace: Hashable, Sendable {
    public var name: String
    public var page: Int
    public var rect: Rect
    public var pageHeight: Double
    public init(name: String, page: Int, rect: Rect, pageHeight: Double) {
        self.name = name; self.page = page; self.rect = rect; self.pageHeight = pageHeight
    }

    /// `/Rect` in PDF's bottom-up coordinates.
    var pdfRect: [Double] { [rect.x, pageHeight - rect.maxY, rect.maxX, pageHeight - rect.y] }
}

/// Empty, visible signature fields added when a dossier is finished (Cairo 1.16 writes no form fields):
/// each one a field merged with its widget (`/FT /Sig`, printable, with an appearance stream, as PDF/A
/// wants), listed in an indirect `/AcroForm` (so that signing later changes that object only, not the
/// catalog), and tagged: the `Form` structure element the layout opened in the cell gets the widget as
/// its content (`/OBJR`), and the widget its `/StructParent` in the parent tree (PDF/UA).
enum SignatureFields {
    /// `forms`: the `Form` structure elements Cairo wrote, in order (`CairoStreams`).
    static func add(_ places: [SignatureFieldPlace], forms: [Int], _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes,
                    cairo: CairoFile) throws {
        guard !places.isEmpty else { return }
        let pages = d.pages
        var nextKey = parentTreeNextKey(d)
        var fields: [qpdf_oh] = []
        for (index, place) in places.enumerated() where place.page < pages.count {
            let page = pages[place.page]
            let element = index < forms.count ? d.object(forms[index]) : nil
            let widgetID = changes.add(Data())  // numbered first: the structure element points at it
            let widget = PDFFinisher.Changes.reference(widgetID, d)
            var entries = try widgetEntries(place, page: page, d, &changes)
            if let element, d.isDictionary(element), let key = nextKey {
                // Its handles (two for each page of the parent tree) are let go once it is done.
                try d.releasingHandles { try moveMarkedContent(of: element, page: page, d, cairo, &changes) }
                // The widget is the element's only content, as `/K << /Type /OBJR … >>`: validators that allow a
                // signature to change a field (pyHanko) expect it there and nowhere else.
                d.set(element, "/K", d.dictionary([("/Type", d.name("/OBJR")), ("/Obj", widget), ("/Pg", page)]))
                changes.touch(forms[index])
                entries.append(("/StructParent", d.integer(key)))
                addToParentTree(key, element, d, &changes)
                nextKey = key + 1
            }
            changes.replace(widgetID, Data(d.syntax(d.dictionary(entries)).utf8))
            appendAnnotation(widget, to: page, d, &changes)
            fields.append(widget)
        }
        if let key = nextKey, let tree = d.key(d.root, "/StructTreeRoot") {
            d.set(tree, "/ParentTreeNextKey", d.integer(key))
            changes.touch(d.objectID(tree))
        }
        let acroForm = PDFFinisher.object([("/Fields", d.array(fields))], d, &changes)
        d.set(d.root, "/AcroForm", acroForm)
    }

    /// The field-and-widget dictionary of an empty signature field.
    private static func widgetEntries(_ place: SignatureFieldPlace, page: qpdf_oh, _ d: QPDFDocument,
                                      _ changes: inout PDFFinisher.Changes) throws -> [(String, qpdf_oh)] {
        let r = place.pdfRect
        let appearance = try PDFFinisher.stream(emptyAppearance(width: r[2] - r[0], height: r[3] - r[1]), entries: [
            ("/Type", d.name("/XObject")), ("/Subtype", d.name("/Form")),
            ("/BBox", d.array([0, 0, r[2] - r[0], r[3] - r[1]].map { qpdf_oh_new_real_from_double(d.q, $0, 2) })),
            ("/Resources", d.dictionary([])),
        ], d, &changes)
        return [
            ("/Type", d.name("/Annot")), ("/Subtype", d.name("/Widget")), ("/FT", d.name("/Sig")),
            ("/T", d.text(place.name)), ("/TU", d.text("التوقيع: \(place.name)")), ("/F", d.integer(4)),
            ("/Rect", d.array(r.map { qpdf_oh_new_real_from_double(d.q, $0, 2) })), ("/P", page),
            ("/AP", d.dictionary([("/N", appearance)])),
        ]
    }

    /// A thin grey frame: the empty field is seen on screen and on paper until someone signs.
    static func emptyAppearance(width: Double, height: Double) -> Data {
        Data(String(format: "q 0.6 G 0.5 w 0.25 0.25 %.2f %.2f re S Q", max(0, width - 0.5), max(0, height - 0.5)).utf8)
    }

    private static func appendAnnotation(_ widget: qpdf_oh, to page: qpdf_oh, _ d: QPDFDocument,
                                         _ changes: inout PDFFinisher.Changes) {
        if let annotations = d.key(page, "/Annots"), qpdf_oh_is_array(d.q, annotations) != 0 {
            qpdf_oh_append_item(d.q, annotations, widget)
            changes.touch(d.objectID(annotations))
        } else {
            d.set(page, "/Annots", d.array([widget]))
        }
        // PDF/UA: on a page with annotations, the tab order follows the structure.
        d.set(page, "/Tabs", d.name("/S"))
        changes.touch(d.objectID(page))
    }

    /// The next free key of the structure tree's parent tree (nil when the file is not tagged, or its
    /// parent tree is not the flat number array Cairo writes).
    private static func parentTreeNextKey(_ d: QPDFDocument) -> Int? {
        guard let tree = d.key(d.root, "/StructTreeRoot") else { return nil }
        if let next = d.key(tree, "/ParentTreeNextKey").flatMap(d.integer) { return next }
        guard let parents = d.key(tree, "/ParentTree"), let nums = d.key(parents, "/Nums") else { return nil }
        let keys = d.items(nums).enumerated().filter { $0.offset % 2 == 0 }.compactMap { d.integer($0.element) }
        return (keys.max() ?? -1) + 1
    }

    /// Cairo opened an empty marked-content sequence for the `Form` element (an MCID with nothing drawn): it is
    /// given to the element's parent (the cell), in the element's /K and in the page's parent-tree entry.
    private static func moveMarkedContent(of element: qpdf_oh, page: qpdf_oh, _ d: QPDFDocument, _ cairo: CairoFile,
                                          _ changes: inout PDFFinisher.Changes) throws {
        guard let mcid = d.key(element, "/K").flatMap(d.integer), let parent = d.key(element, "/P"),
              let pageKey = d.key(page, "/StructParents").flatMap(d.integer),
              let tree = d.key(d.root, "/StructTreeRoot"), let parents = d.key(tree, "/ParentTree"),
              let nums = d.key(parents, "/Nums") else { return }
        let items = d.items(nums)
        guard let position = stride(from: 0, to: items.count - 1, by: 2).first(where: { d.integer(items[$0]) == pageKey }) else { return }
        let marks = items[position + 1], marksID = d.objectID(marks), parentID = d.objectID(parent)
        // The page's parent tree array may already be rewritten as text (artifacts' entries nulled,
        // `Artifacts`): edit that text, so that the object is never both rewritten and edited by libqpdf.
        if marksID > 0, parentID > 0,
           var entries = try (changes.replaced.body(marksID).map(ObjectText.init) ?? cairo.object(marksID))?.arrayItems() {
            guard mcid < entries.count else { return }
            entries[mcid] = "\(parentID) 0 R"
            changes.replaced.set(marksID, ObjectText.array(entries))
        } else {
            guard mcid < d.items(marks).count else { return }
            qpdf_oh_set_array_item(d.q, marks, Int32(mcid), parent)
            changes.touch(marksID)
            changes.touch(d.objectID(nums))
            changes.touch(d.objectID(parents))
        }
        let siblings = d.key(parent, "/K").map { qpdf_oh_is_array(d.q, $0) != 0 ? d.items($0) : [$0] } ?? []
        // A marked-content reference names its page: the cell's own /Pg may be another page's.
        let reference = d.dictionary([("/Type", d.name("/MCR")), ("/Pg", page), ("/MCID", d.integer(mcid))])
        d.set(parent, "/K", d.array([reference] + siblings))
        changes.touch(d.objectID(parent))
    }

    private static func addToParentTree(_ key: Int, _ element: qpdf_oh, _ d: QPDFDocument, _ changes: inout PDFFinisher.Changes) {
        guard let tree = d.key(d.root, "/StructTreeRoot"), let parents = d.key(tree, "/ParentTree"),
              let nums = d.key(parents, "/Nums") else { return }
        qpdf_oh_append_item(d.q, nums, d.integer(key))
        qpdf_oh_append_item(d.q, nums, element)
        changes.touch(d.objectID(nums))
        changes.touch(d.objectID(parents))
    }
}

extension PDFFinisher.Changes {
    /// Gives a new object, numbered earlier with an empty body, its body.
    mutating func replace(_ id: Int, _ body: Data) {
        if let index = added.firstIndex(where: { $0.id == id }) { added[index].body = body }
    }
}
