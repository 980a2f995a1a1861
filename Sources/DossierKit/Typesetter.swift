import DossierArchive
import DossierContent
import DossierFrames
import DossierLayout
import DossierRender
import DossierText
import Foundation

/// The fonts and the typesetting pipeline of one thread: content tree → pages → PDF or PNG. One instance holds
/// one font world and its shaping cache; reuse it across documents, on one thread at a time (Pango and
/// fontconfig objects are not shared between threads). Library users only make one and hand it to
/// `DossierBatch`; the content-tree methods are for this package's specimen and tests.
public final class Typesetter {
    package let shaper: ParagraphShaper
    let engine: LayoutEngine
    /// The font manifest, so that other threads can set up typesetters of their own.
    public let fontsManifest: URL

    /// Sets up fonts from a manifest (`Fonts/fonts.txt`).
    public init(fontsManifest: URL) throws {
        self.fontsManifest = fontsManifest
        shaper = ParagraphShaper(world: try FontWorld(manifest: fontsManifest))
        engine = LayoutEngine(shaper: shaper)
    }

    /// From this many blocks a document's boxes are made again as its pages are made rather than all kept
    /// (`LayoutEngine.boxesStreamedFrom`); tests lower it to lay short documents out that way.
    package var boxesStreamedFrom: Int {
        get { engine.boxesStreamedFrom }
        set { engine.boxesStreamedFrom = newValue }
    }

    /// Forgets what was cached for the previous document.
    package func clearCaches() { engine.clearCaches() }

    /// Where each anchor lands, without making pages (a first pass for the table of contents).
    package func anchorPages(_ document: Document) throws -> [String: Int] {
        try engine.anchorPages(document)
    }

    /// Lays a document out into pages. `keepingCache`: another pass over the same document follows. The document
    /// is consumed: when the caller holds no other copy, its content tree is let go once its boxes are made.
    package func layout(_ document: consuming Document, keepingCache: Bool = true) throws -> LaidOutDocument {
        try engine.layout(document, keepingCache: keepingCache)
    }

    /// Lays a document out into page bodies without making its pages (`PaginatedDocument`: they are made one at a
    /// time, on one thread, with nothing else using this typesetter meanwhile).
    package func paginate(_ document: consuming Document, keepingCache: Bool = true) throws -> PaginatedDocument {
        try engine.paginate(document, keepingCache: keepingCache)
    }

    /// Makes every page of a document this typesetter paginated.
    package func pages(of paginated: PaginatedDocument) throws -> LaidOutDocument {
        try engine.pages(of: paginated)
    }

    /// Lays out and writes a finished PDF (tagged, language and direction, PDF/A-3b, sealed), like the
    /// dossiers but without attached data.
    @discardableResult
    package func writePDF(_ document: Document, to url: URL) throws -> LaidOutDocument {
        let laidOut = try layout(document)
        _ = try FinishedPDF.write(to: url) { scratch in try FinishedPDF.draw(laidOut, to: scratch) }
        return laidOut
    }

    /// Lays out and writes one PNG per page; returns the files.
    package func writePNG(_ document: Document, folder: URL, stem: String, scale: Double = 1) throws -> [URL] {
        try PNGRenderer(scale: scale).render(layout(document), folder: folder, stem: stem)
    }
}

/// Where the project's resource folders (`Fonts/`, `Layouts/`, `Examples/`) are.
public enum ProjectFolders {
    /// The first folder holding `Fonts/fonts.txt`: `$DOSSIER_HOME`, the current folder, or a parent of the executable.
    public static func root() -> URL? {
        var candidates: [URL] = []
        if let home = ProcessInfo.processInfo.environment["DOSSIER_HOME"] { candidates.append(URL(fileURLWithPath: home)) }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder)
            folder = folder.deletingLastPathComponent()
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Fonts/fonts.txt").path) }
    }
}
