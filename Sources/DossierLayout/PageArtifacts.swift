import DossierFrames

/// A page's items: first its artifacts, the running header and footer as one `Pagination` artifact and the
/// decoration of its boxes (rules, table fills and borders) as one `Layout` artifact, then its content.
///
/// One artifact per kind and page rather than one per table row: each artifact costs Cairo a structure element
/// (and the finishing step an edit), and a long dossier has tens of thousands of rows. Drawing the decoration
/// before the content changes nothing on the page: it lies under the text of its own row or beside other boxes,
/// and keeps its own order (a row's borders are still drawn over the fill of the row above).
enum PageArtifacts {
    static func first(running: [FrameItem], decoration: [FrameItem], content: [FrameItem]) -> [FrameItem] {
        artifact(.pagination, running) + artifact(.layout, decoration) + content
    }

    /// `items` as one artifact of `kind`; nothing when there are none.
    static func artifact(_ kind: ArtifactKind, _ items: [FrameItem]) -> [FrameItem] {
        items.isEmpty ? [] : [.tag(.beginArtifact(kind))] + items + [.tag(.endArtifact(kind))]
    }
}
