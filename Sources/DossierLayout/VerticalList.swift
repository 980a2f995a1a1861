import DossierFrames

/// Whether a page may end just before a box.
enum BreakRule: Equatable {
    case allowed
    case forbidden
    /// A page break is required here.
    case forced
}

/// An unbreakable slice of the flow: a line, a table row, an image, some space.
/// Items are positioned with absolute x and with y relative to the box's top.
struct VBox {
    var height: Double
    var items: [FrameItem]
    var breakBefore: BreakRule
    /// Space that disappears when it would start a page.
    var discardable: Bool = false
    /// Table header rows drawn again above this box when it starts a page.
    var repeatedHeader: [VBox]? = nil
    /// Where the box comes from, for error messages.
    var place: String
    var what: String

    static func space(_ height: Double, place: String, breakBefore: BreakRule = .allowed) -> VBox {
        VBox(height: height, items: [], breakBefore: breakBefore, discardable: false, place: place, what: "space")
            .discarding
    }

    /// A zero-height box that opens or closes a structure element around the boxes between.
    static func marker(_ event: TagEvent, place: String, breakBefore: BreakRule = .allowed) -> VBox {
        VBox(height: 0, items: [.tag(event)], breakBefore: breakBefore, place: place, what: "structure")
    }

    private var discarding: VBox { var copy = self; copy.discardable = true; return copy }
}

extension FrameItem {
    /// The item moved by `dx`, `dy`.
    func offsetBy(dx: Double, dy: Double) -> FrameItem {
        func move(_ p: Point) -> Point { Point(x: p.x + dx, y: p.y + dy) }
        switch self {
        case .text(let run): return .text(run.offsetBy(dx: dx, dy: dy))
        case .rect(let r, let paint): return .rect(r.offsetBy(dx: dx, dy: dy), paint)
        case .line(let a, let b, let color, let width): return .line(from: move(a), to: move(b), color: color, width: width)
        case .path(let elements, let paint):
            return .path(elements.map { element in
                switch element {
                case .move(let p): return .move(move(p))
                case .line(let p): return .line(move(p))
                case .arc(let c, let r, let s, let e): return .arc(center: move(c), radius: r, start: s, end: e)
                case .close: return .close
                }
            }, paint)
        case .image(let file, let r): return .image(file: file, rect: r.offsetBy(dx: dx, dy: dy))
        case .anchor(let name, let p): return .anchor(name: name, at: move(p))
        case .link(let r, let dest): return .link(rect: r.offsetBy(dx: dx, dy: dy), destination: dest)
        case .uriLink(let r, let uri): return .uriLink(rect: r.offsetBy(dx: dx, dy: dy), uri: uri)
        case .tag: return self
        }
    }
}
