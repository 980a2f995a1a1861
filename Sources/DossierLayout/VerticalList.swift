import DossierFrames

/// Whether a page may end just before a box.
enum BreakRule: Equatable {
    case allowed
    case forbidden
    /// A page break is required here.
    case forced
}

/// What the engine keeps of the boxes of paragraphs, tables and charts for a later pass over the same document.
enum BoxKeeping {
    /// The boxes (a document laid out as usual).
    case boxes
    /// Their measures only (`VBox.measured`), for a document too long to keep its boxes (`BodyStream`): what
    /// pagination needs, without the shaped paragraphs.
    case measures
    /// Nothing: the boxes are built for the pages being made (`BodyStream`).
    case nothing
}

/// An unbreakable slice of the flow: a line, a table row, an image, some space.
/// Items are positioned with absolute x and with y relative to the box's top.
struct VBox {
    var height: Double
    var items: [FrameItem]
    /// Drawing that is no content (rules, table fills and borders), positioned like `items`: the page draws it
    /// under its content, as an artifact (`PageArtifacts`).
    var decoration: [FrameItem] = []
    var breakBefore: BreakRule
    /// Space that disappears when it would start a page.
    var discardable: Bool = false
    /// The number of a line in its paragraph (0: none), named in error messages after `what`: a string made for each
    /// line ("paragraph, line 12") was 60 MB of a 10 000-project dossier's measured boxes.
    var number: Int32 = 0
    /// Table header rows drawn again above this box when it starts a page.
    var repeatedHeader: [VBox]? = nil
    /// Where the box comes from, for error messages.
    var place: String
    var what: String

    /// What the box is, as error messages name it ("paragraph, line 3", "row 12").
    var described: String { number > 0 ? "\(what) \(number)" : what }

    static func space(_ height: Double, place: String, breakBefore: BreakRule = .allowed) -> VBox {
        VBox(height: height, items: [], breakBefore: breakBefore, discardable: false, place: place, what: "space")
            .discarding
    }

    /// A zero-height box that opens or closes a structure element around the boxes between.
    static func marker(_ event: TagEvent, place: String, breakBefore: BreakRule = .allowed) -> VBox {
        VBox(height: 0, items: [.tag(event)], breakBefore: breakBefore, place: place, what: "structure")
    }

    /// The box as pagination sees it: its height, break rules, anchors and repeated header (whole: one per table,
    /// shared by its rows), without what it draws itself.
    /// A document too long to keep all its boxes (`BodyStream`) is paginated with these, and its boxes are made
    /// again, block by block, as its pages are made.
    var measured: VBox {
        var copy = self
        copy.items = items.contains(where: \.isAnchor) ? items.filter(\.isAnchor) : []
        copy.decoration = []
        return copy
    }

    private var discarding: VBox { var copy = self; copy.discardable = true; return copy }
}

extension FrameItem {
    var isAnchor: Bool {
        if case .anchor = self { return true }
        return false
    }
}
