import CCairo
import Foundation

/// One Cairo surface, destroyed with its owner. Cairo never returns NULL: a failed constructor returns a
/// "nil object" whose status tells why, so each factory checks the status at birth and throws with the file
/// it was for, instead of drawing into a dead surface.
final class CairoSurface {
    let pointer: OpaquePointer

    private init(_ created: OpaquePointer?, file: String, reason: String? = nil) throws {
        guard let created else { throw RenderError.cairo(status: "out of memory", file: file) }
        let status = cairo_surface_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(created)
            if let reason { throw RenderError.io(file: file, reason: reason) }
            throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: file)
        }
        pointer = created
    }

    deinit { cairo_surface_destroy(pointer) }

    /// A PDF surface writing to `path` (`displayName` names it in errors).
    /// Its streams are written plain but for the fonts (`CairoPDFStreams`).
    static func pdf(path: String, width: Double, height: Double, displayName: String) throws -> CairoSurface {
        CairoPDFStreams.leftPlain
        return try CairoSurface(cairo_pdf_surface_create(path, width, height), file: displayName)
    }

    /// A white-less ARGB image of `width` × `height` pixels.
    static func image(width: Int32, height: Int32, displayName: String) throws -> CairoSurface {
        try CairoSurface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), file: displayName)
    }

    /// A PNG file decoded into an image surface.
    static func png(_ path: String) throws -> CairoSurface {
        try CairoSurface(cairo_image_surface_create_from_png(path), file: path, reason: "not a readable PNG")
    }

    /// The surface's current status as an error, if any (after drawing or finishing).
    func check(file: String) throws {
        let status = cairo_surface_status(pointer)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: file)
        }
    }
}

/// One Cairo drawing context on a surface, destroyed with its owner; it keeps its surface alive.
final class CairoContext {
    let pointer: OpaquePointer
    let surface: CairoSurface

    init(_ surface: CairoSurface, displayName: String) throws {
        guard let created = cairo_create(surface.pointer) else {
            throw RenderError.cairo(status: "out of memory", file: displayName)
        }
        let status = cairo_status(created)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(created)
            throw RenderError.cairo(status: String(cString: cairo_status_to_string(status)), file: displayName)
        }
        pointer = created
        self.surface = surface
    }

    deinit { cairo_destroy(pointer) }
}
