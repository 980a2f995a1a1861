#if canImport(Glibc)
import Glibc
#endif
import DossierArchive
import DossierFiles
import DossierFrames
import DossierLayout
import DossierRender
import Foundation

/// Writes a finished PDF: Cairo draws a scratch file next to the output, the finishing step turns it into
/// the final file (tagged, language and direction, PDF/A-3b, attached data, seal). One sequence for the
/// dossiers and the specimen.
enum FinishedPDF {
    /// `draw` lays out and draws to the scratch file it is given, and returns the finishing settings and
    /// the page count; its pages are released when it returns, before libqpdf reads the file.
    static func write(to url: URL, _ draw: (URL) throws -> (ArchiveSettings, Int)) throws -> Int {
        // Unique to this process and call: two renders into one folder must not draw into the same file.
        let scratch = OutputFile.scratchURL(for: url)
        defer { unlink(scratch.path) }
        let (settings, pages) = try draw(scratch)
        // Only after a long document: trimming the heap after each small dossier of a batch cost more in page
        // faults (the next dossier takes the memory back) than it saved.
        if pages >= 100 { returnFreedMemory() }
        try PDFFinisher.finish(scratch, into: url, settings: settings)
        return pages
    }

    /// Writes a draft: `draw` lays out and draws to the scratch file it is given and returns the document's metadata
    /// and page count; the streams Cairo left plain are then compressed, the catalog given the document's language
    /// and reading direction and the information dictionary written anew (`PDFFinisher.compressStreams`).
    static func writeDraft(to url: URL, _ draw: (URL) throws -> (DocumentInfo, Int)) throws -> Int {
        let scratch = OutputFile.scratchURL(for: url)
        defer { unlink(scratch.path) }
        let (info, pages) = try draw(scratch)
        try PDFFinisher.compressStreams(scratch, into: url, info: info)
        return pages
    }

    /// Draws `laidOut` to `scratch` and returns the settings to finish it with.
    static func draw(_ laidOut: LaidOutDocument, to scratch: URL, pdfa: Bool = true, attachment: Attachment? = nil,
                     fingerprint: String? = nil) throws -> (ArchiveSettings, Int) {
        try PDFRenderer().render(laidOut, to: scratch)
        return (ArchiveSettings(for: laidOut, pdfa: pdfa, attachment: attachment, fingerprint: fingerprint), laidOut.pages.count)
    }

    /// From this many pages a document is drawn while its later pages are made, when there is a second core.
    static let drawnWhileMadeFrom = 64

    /// Draws `paginated` (paginated by `typesetter`) to `scratch` and returns what the finishing needs to know of
    /// its pages. A long document is drawn while its later pages are made (`PaginatedDocument.drawWhileMaking`):
    /// the last layout pass no longer runs before the drawing, and each page is let go once drawn. The file is the
    /// same bytes either way.
    static func draw(_ paginated: PaginatedDocument, typesetter: Typesetter, tagged: Bool, to scratch: URL,
                     whileMaking: Bool? = nil) throws -> PageStructure {
        var structure = PageStructure(anchorTitles: paginated.anchorTitles)
        let renderer = PDFRenderer(tagged: tagged)
        func render(_ next: () throws -> Page?) throws {
            try renderer.render(pageSize: paginated.pageSize, info: paginated.info, bookmarks: paginated.bookmarks,
                                destinations: Set(paginated.anchorPages.keys), to: scratch, next: next,
                                drawn: { structure.add($0) })
        }
        // In a batch whose workers already use every core this adds a thread but no work: the running texts are
        // shaped once either way.
        let overlap = whileMaking ?? (paginated.pageCount >= drawnWhileMadeFrom && ProcessInfo.processInfo.activeProcessorCount > 1)
        // The shaped paragraphs are trimmed before the drawing (`clearCaches`), so that a long document's do not
        // stay in memory while Cairo draws; what the running texts shape meanwhile is trimmed after.
        if overlap {
            typesetter.clearCaches()
            try paginated.drawWhileMaking(render)
        } else {
            var pages = try typesetter.pages(of: paginated).pages[...]
            typesetter.clearCaches()
            try render { pages.popFirst() }
        }
        return structure
    }

    /// Gives freed heap memory back to the system, so that the pages just released and libqpdf's objects
    /// do not add up in the process's peak memory.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // The dossier executable links mimalloc (Package.swift), whose own call does this; a program that uses
        // DossierKit with glibc's malloc gets malloc_trim. Neither is in Swift's Glibc module: looked up by name.
        let everything = UnsafeMutableRawPointer(bitPattern: 0)
        if let symbol = dlsym(everything, "mi_collect") {
            typealias Collect = @convention(c) (Bool) -> Void
            unsafeBitCast(symbol, to: Collect.self)(true)
        } else if let symbol = dlsym(everything, "malloc_trim") {
            typealias Trim = @convention(c) (Int) -> Int32
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
