import Foundation

/// Has Cairo write the streams it would compress (page contents, ToUnicode maps, forms) plain: the finishing edits
/// every page's content (`Artifacts` in DossierArchive) and compresses each stream once, on every core
/// (`CairoStreams`); drafts have theirs compressed the same way (`PDFFinisher.compressStreams`). Before, Cairo
/// compressed each page's content on its one drawing thread and the finishing inflated it and compressed it again.
///
/// Cairo 1.16 has no call for this: it leaves the streams plain when `CAIRO_DEBUG_PDF` is in the environment as a
/// PDF surface is made (its font files stay compressed). The variable is set once per process, before the first
/// PDF surface, and never unset: unsetting or setting it again while another thread reads the environment (Cairo,
/// fontconfig) is not safe. Everything this project writes from a Cairo PDF goes through one of the two steps
/// above, so no file is handed out with plain streams.
enum CairoPDFStreams {
    /// Evaluated once, by the first PDF surface.
    static let leftPlain: Void = { setenv("CAIRO_DEBUG_PDF", "1", 1) }()
}
