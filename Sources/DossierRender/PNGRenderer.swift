import CCairo
import DossierFiles
import DossierFrames
import Foundation

/// Draws pages as PNG images from the same frames as the PDF.
public struct PNGRenderer {
    /// Pixels per point (1 gives 72 dpi).
    public var scale: Double
    public init(scale: Double = 1) { self.scale = scale }

    /// Renders one page to `url`.
    public func render(_ page: Page, to url: URL) throws {
        try OutputFile.write(to: url) { temporary in
            let width = Int32((page.size.width * scale).rounded(.up))
            let height = Int32((page.size.height * scale).rounded(.up))
            let context = try CairoContext(.image(width: width, height: height, displayName: url.path), displayName: url.path)
            let surface = context.surface.pointer, cr = context.pointer
            cairo_set_source_rgb(cr, 1, 1, 1)
            cairo_paint(cr)
            cairo_scale(cr, scale, scale)
            try Painter(cr: cr, fonts: CairoFonts(), writesPDFStructure: false, knownDestinations: []).draw(page)
            cairo_surface_flush(surface)
            let status = cairo_surface_write_to_png(surface, temporary.path)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: url.path)
            }
        }
    }

    /// Renders every page as `<stem>-<n>.png` in `folder`; returns the files written.
    public func render(_ document: LaidOutDocument, folder: URL, stem: String) throws -> [URL] {
        try document.pages.enumerated().map { index, page in
            let url = folder.appendingPathComponent(Self.fileName(stem: stem, page: index + 1, of: document.pages.count))
            try render(page, to: url)
            return url
        }
    }

    /// `<stem>-<n>.png`, with `n` zero-padded so that the pages sort in order.
    public static func fileName(stem: String, page: Int, of count: Int) -> String {
        let digits = String(count).count
        let number = String(page)
        return "\(stem)-\(String(repeating: "0", count: max(0, digits - number.count)) + number).png"
    }
}
