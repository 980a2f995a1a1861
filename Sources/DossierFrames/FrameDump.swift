import Foundation

/// A stable, human-readable text form of laid-out pages, used by golden tests.
/// Coordinates are rounded to 0.1 pt so that tiny floating-point noise does not break goldens.
public enum FrameDump {
    /// Dumps every page of `document`, then its bookmarks.
    public static func dump(_ document: LaidOutDocument) -> String {
        var out = ""
        for (index, page) in document.pages.enumerated() {
            out += "page \(index + 1) \(fmt(page.size.width))x\(fmt(page.size.height))\n"
            for item in page.items { out += "  " + describe(item) + "\n" }
        }
        for mark in document.bookmarks {
            out += "bookmark \(mark.level) \"\(mark.title)\" -> \(mark.destination)\n"
        }
        return out
    }

    /// One line for one item.
    public static func describe(_ item: FrameItem) -> String {
        switch item {
        case .text(let run):
            let dir = run.isRightToLeft ? "rtl" : "ltr"
            // Font file and glyph ids: a change of shaping (a feature switched on, another fallback font) shows.
            return "text \(pt(run.origin)) w=\(fmt(run.width)) \(run.font.family) \(fmt(run.size)) \(dir) "
                + "\(run.color.hex) \"\(visible(run.text))\" \((run.font.file as NSString).lastPathComponent)"
                + " [\(run.glyphs.map { String($0.id) }.joined(separator: " "))]"
        case .rect(let r, let paint):
            return "rect \(fmt(r.x)),\(fmt(r.y)) \(fmt(r.width))x\(fmt(r.height)) \(describe(paint))"
        case .line(let a, let b, let color, let width):
            return "line \(pt(a)) \(pt(b)) \(color.hex) \(fmt(width))"
        case .path(let elements, let paint):
            return "path \(elements.count) \(describe(paint))"
        case .image(let file, let r):
            return "image \((file as NSString).lastPathComponent) \(fmt(r.x)),\(fmt(r.y)) \(fmt(r.width))x\(fmt(r.height))"
        case .anchor(let name, let p):
            return "anchor \(name) \(pt(p))"
        case .tag(let event):
            return describe(event)
        case .signatureField(let name, let r):
            return "signature-field \(name) \(fmt(r.x)),\(fmt(r.y)) \(fmt(r.width))x\(fmt(r.height))"
        }
    }

    private static func describe(_ event: TagEvent) -> String {
        switch event {
        case .begin(let role, let alt, let scope):
            return "<\(role)" + (alt.map { " alt=\"\($0)\"" } ?? "") + (scope.map { " scope=\($0.rawValue)" } ?? "") + ">"
        case .end(let role):
            return "</\(role)>"
        case .beginLink(let target, let r):
            let to: String
            switch target {
            case .destination(let name): to = name
            case .uri(let uri): to = uri
            }
            return "<Link \(fmt(r.x)),\(fmt(r.y)) \(fmt(r.width))x\(fmt(r.height)) -> \(to)>"
        case .endLink:
            return "</Link>"
        case .beginArtifact(let kind):
            return "<Artifact \(kind.rawValue)>"
        case .endArtifact:
            return "</Artifact>"
        }
    }

    private static func describe(_ paint: Paint) -> String {
        var parts: [String] = []
        if let fill = paint.fill { parts.append("fill=\(fill.hex)") }
        if let stroke = paint.stroke { parts.append("stroke=\(stroke.hex)/\(fmt(paint.lineWidth))") }
        if let hatch = paint.hatch { parts.append("hatch=\(hatch.direction.rawValue)") }
        return parts.joined(separator: " ")
    }

    private static func pt(_ p: Point) -> String { "\(fmt(p.x)),\(fmt(p.y))" }

    /// Rounds to one decimal and avoids "-0.0".
    static func fmt(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return String(format: "%.1f", r == 0 ? 0 : r)
    }

    /// Shows invisible bidi controls by name so goldens make isolation visible.
    private static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2066: out += "⟨LRI⟩"
            case 0x2067: out += "⟨RLI⟩"
            case 0x2068: out += "⟨FSI⟩"
            case 0x2069: out += "⟨PDI⟩"
            case 0x22: out += "\\\""
            case 0x0A: out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
