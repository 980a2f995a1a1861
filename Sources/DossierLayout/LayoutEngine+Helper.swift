import DossierContent
import DossierFrames
import DossierText
import Foundation

/// A long document's blocks laid out on two threads before the serial pass.
///
/// Shaping and box building are most of the layout's time, and each block's boxes depend on the block and the
/// body width only. So the engine and a helper engine (a font world of its own: Pango objects are not shared
/// between threads) take the blocks in turn and fill their caches; this engine then adopts the helper's boxes
/// and shaped paragraphs, and the serial pass that follows finds them all. Which thread shaped a block changes
/// nothing in the result: both worlds are made from the same fonts, so the pages are the same bytes.
extension LayoutEngine {
    /// Fewer blocks than this (a project dossier, a letter) are not worth a second font world.
    static let blocksWorthAHelper = 64

    /// Fills the box and shaping caches for `blocks` on two threads, when the document is long and there is a
    /// second core. Errors are left for the serial pass, which reports them with their place.
    func warmUp(_ blocks: [Block], body: Rect, direction: Direction) {
        guard blocks.count >= Self.blocksWorthAHelper, ProcessInfo.processInfo.activeProcessorCount > 1,
              let helper = helperEngine() else { return }
        let engines = OnePerThread([self, helper])
        let next = NextBlock()
        let shared = SharedShapes()
        shaper.shared = shared
        helper.shaper.shared = shared
        defer { shaper.shared = nil; helper.shaper.shared = nil }
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            var builder = FlowBuilder(engine: engines.values[worker], body: body, direction: direction)
            while let index = next.take(below: blocks.count) {
                // The same place as the serial pass gives it: boxes carry their place for error messages.
                try? builder.add(blocks[index], place: "block \(index + 1)")
                _ = builder.takeBoxes()
            }
        }
        boxCache.merge(helper.boxCache) { mine, _ in mine }
        shaper.adopt(helper.shaper)
        helper.boxCache.removeAll()
        helper.shaper.clearCache()
    }

    /// The helper engine, made the first time it is needed; nil if its fonts cannot be set up.
    private func helperEngine() -> LayoutEngine? {
        if let helper { return helper }
        let manifest = URL(fileURLWithPath: shaper.world.catalog.manifestPath)
        guard let world = try? FontWorld(manifest: manifest) else { return nil }
        helper = LayoutEngine(shaper: ParagraphShaper(world: world))
        return helper
    }
}

/// Engines handed to `concurrentPerform`, each used by its own thread only (worker i takes engine i), so none is
/// shared although the array crosses threads.
private struct OnePerThread: @unchecked Sendable {
    let values: [LayoutEngine]
    init(_ values: [LayoutEngine]) { self.values = values }
}

/// The next block to lay out, handed to one thread at a time.
private final class NextBlock: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below limit: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < limit else { return nil }
        next += 1
        return next - 1
    }
}
