import CCairo
import Foundation

/// Compares two PNG images pixel by pixel, for golden tests with a tolerance.
package enum PNGCompare {
    /// The result of a comparison.
    package struct Difference: Sendable {
        /// Whether both images have the same size.
        package var sameSize: Bool
        /// Share of pixels (0...1) whose channels differ by more than the per-channel threshold.
        package var differingFraction: Double
    }

    /// Compares `a` and `b`; a pixel differs when any channel differs by more than `threshold` (0...255).
    package static func compare(_ a: URL, _ b: URL, threshold: Int = 32) throws -> Difference {
        // Each image has its owner, so the first is released when the second fails to load.
        let firstImage = try CairoSurface.png(a.path), secondImage = try CairoSurface.png(b.path)
        cairo_surface_flush(firstImage.pointer); cairo_surface_flush(secondImage.pointer)
        let first = firstImage.pointer, second = secondImage.pointer
        let width = cairo_image_surface_get_width(first), height = cairo_image_surface_get_height(first)
        guard width == cairo_image_surface_get_width(second), height == cairo_image_surface_get_height(second) else {
            return Difference(sameSize: false, differingFraction: 1)
        }
        let strideA = Int(cairo_image_surface_get_stride(first)), strideB = Int(cairo_image_surface_get_stride(second))
        guard let pa = cairo_image_surface_get_data(first), let pb = cairo_image_surface_get_data(second) else {
            return Difference(sameSize: true, differingFraction: 1)
        }
        var differing = 0
        for y in 0..<Int(height) {
            for x in 0..<Int(width) {
                for channel in 0..<4 {
                    let va = Int(pa[y * strideA + x * 4 + channel]), vb = Int(pb[y * strideB + x * 4 + channel])
                    if abs(va - vb) > threshold { differing += 1; break }
                }
            }
        }
        return Difference(sameSize: true, differingFraction: Double(differing) / Double(max(1, Int(width * height))))
    }
}
