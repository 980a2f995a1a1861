import DossierFrames

/// Puts a page's artifacts first: its running header and footer as one `Pagination` artifact, then every piece
/// of decoration its boxes marked (rules, table fills and borders) as one `Layout` artifact, then its content.
///
/// One artifact per kind and page rather than one per table row: each artifact costs Cairo a structure element
/// (and the finishing step an edit), and a long dossier has tens of thousands of rows. Moving the decoration
/// before the content changes nothing on the page: it lies under the text of its own row or beside other boxes,
/// and keeps its own order (a row's borders are still drawn over the fill of the row above).
enum PageArtifacts {
    static func first(running: [FrameItem], body: [FrameItem]) -> [FrameItem] {
        var buckets: [ArtifactKind: [FrameItem]] = [.pagination: running, .layout: []]
        var content: [FrameItem] = []
        content.reserveCapacity(body.count)
        var open: [ArtifactKind] = []
        for item in body {
            switch item {
            case .tag(.beginArtifact(let kind)): open.append(kind)
            case .tag(.endArtifact): _ = open.popLast()
            default:
                // A piece of an artifact inside another belongs to the outer one.
                if let kind = open.first { buckets[kind, default: []].append(item) } else { content.append(item) }
            }
        }
        return artifact(.pagination, buckets[.pagination]!) + artifact(.layout, buckets[.layout]!) + content
    }

    /// `items` as one artifact of `kind`; nothing when there are none.
    static func artifact(_ kind: ArtifactKind, _ items: [FrameItem]) -> [FrameItem] {
        items.isEmpty ? [] : [.tag(.beginArtifact(kind))] + items + [.tag(.endArtifact(kind))]
    }
}
