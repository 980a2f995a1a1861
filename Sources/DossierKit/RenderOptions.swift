/// How dossiers are rendered: a value, given to each call, so that a batch shared between threads never
/// changes under them.
public struct RenderOptions: Sendable, Hashable {
    /// The dossiers' date: printed on the cover and written in the PDF. The same data, layouts and date give
    /// byte-identical PDFs.
    public var date: Day
    public var format: DossierFormat
    /// Drafts are for quick prints before a meeting: no structure tags and no finishing (no PDF/A, no
    /// attached data, no seal). Everything else (layout, fonts, text, links, bookmarks) is the same.
    public var draft: Bool
    /// Whether PDFs claim PDF/A-3b (with an sRGB output intent); language, direction, tags, attached data
    /// and the seal are always written, unless `draft`.
    public var pdfa: Bool
    /// Resolution of PNG output, in dots per inch.
    public var pngDPI: Double

    public init(date: Day, format: DossierFormat = .pdf, draft: Bool = false, pdfa: Bool = true, pngDPI: Double = 100) {
        self.date = date; self.format = format; self.draft = draft; self.pdfa = pdfa; self.pngDPI = pngDPI
    }
}

/// The output format of a batch.
public enum DossierFormat: String, Sendable, Hashable { case pdf, png }
