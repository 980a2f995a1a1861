#if canImport(Glibc)
import Glibc
#endif
import DossierArchive
import DossierFiles
import DossierFrames
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

    /// Writes a draft: `draw` lays out and draws to the scratch file it is given and returns the page count;
    /// the streams Cairo left plain are then compressed (`PDFFinisher.compressStreams`), nothing else is changed.
    static func writeDraft(to url: URL, _ draw: (URL) throws -> Int) throws -> Int {
        let scratch = OutputFile.scratchURL(for: url)
        defer { unlink(scratch.path) }
        let pages = try draw(scratch)
        try PDFFinisher.compressStreams(scratch, into: url)
        return pages
    }

    /// Draws `laidOut` to `scratch` and returns the settings to finish it with.
    static func draw(_ laidOut: LaidOutDocument, to scratch: URL, pdfa: Bool = true, attachment: Attachment? = nil,
                     fingerprint: String? = nil) throws -> (ArchiveSettings, Int) {
        try PDFRenderer().render(laidOut, to: scratch)
        var settings = ArchiveSettings(for: laidOut, pdfa: pdfa, attachment: attachment, fingerprint: fingerprint)
        settings.signatureFields = SignatureFieldPlace.all(in: laidOut)
        return (settings, laidOut.pages.count)
    }

    /// Gives freed heap memory back to the system, so that the pages just released and libqpdf's objects
    /// do not add up in the process's peak memory.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // glibc's malloc_trim is not in Swift's Glibc module; it is looked up by name.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") {
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        }
        #endif
    }
}
