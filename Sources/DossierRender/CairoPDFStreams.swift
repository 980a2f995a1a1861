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
///
/// The variable stays in the process's environment, and child processes inherit it: a program that embeds DossierKit
/// and draws PDFs with Cairo itself gets them with plain contents too (`DossierProcess.prepare` says so).
public enum CairoPDFStreams {
    /// Evaluated once: by `setUp()` at the start of a program, else by the first PDF surface.
    static let leftPlain: Void = { setenv("CAIRO_DEBUG_PDF", "1", 1) }()

    /// Sets the variable now: a program calls it first thing, before it starts any thread, since changing the
    /// environment while another thread reads it is not safe (glibc's first `setenv` happens to be, but not after
    /// another one).
    public static func setUp() { leftPlain }
}
