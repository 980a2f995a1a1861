import DossierContent
import DossierFrames
import DossierText
import Foundation
import Synchronization

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
    /// With `keeping` `.measures` (a document too long to keep its boxes, `BodyStream`), the caches keep the boxes'
    /// measures, and the shaping caches are emptied each time they hold more than they keep between documents.
    func warmUp(_ blocks: [Block], body: Rect, direction: Direction, keeping: BoxKeeping) {
        guard blocks.count >= Self.blocksWorthAHelper else { return }
        let bounded = keeping != .boxes
        withHelper(count: blocks.count) { engine, index in
            if bounded { engine.shaper.trimCache() }
            var builder = FlowBuilder(engine: engine, body: body, direction: direction, keeping: keeping)
            // The same place as the serial pass gives it: boxes carry their place for error messages.
            try? builder.add(blocks[index], place: "block \(index + 1)")
        }
        boxCache.merge(helper?.boxCache ?? [:]) { mine, _ in mine }
        helper?.boxCache.removeAll()
    }

    /// Shapes the running header and footer of every page on two threads, once the page count is known: each
    /// page's differ by its number, so each is shaped once per page (7 % of a long dossier's instructions).
    /// The serial pass that makes the pages then finds them shaped. Only for a document that already had a helper.
    func warmUpRunning(_ template: PageTemplate, digits: DigitStyle, pages: Int, body: Rect) {
        guard helper != nil, pages >= Self.blocksWorthAHelper else { return }
        let running = [template.header?.paragraph, template.footer?.paragraph].compactMap { $0 }
        withHelper(count: pages) { engine, index in
            for paragraph in running {
                _ = try? engine.paragraphs.shape(engine.filled(paragraph, page: index + 1, of: pages, digits: digits),
                                                 width: body.width, place: "page header")
            }
        }
    }

    /// Runs `work` for 0..<count on this engine's thread and a helper's, the items taken in turn; the
    /// paragraphs either shapes are shared between them while it runs and adopted by this engine after.
    private func withHelper(count: Int, _ work: @escaping (LayoutEngine, Int) -> Void) {
        guard ProcessInfo.processInfo.activeProcessorCount > 1, let helper = helperEngine() else { return }
        let engines = OnePerThread([self, helper])
        let next = NextItem()
        let shared = SharedShapes()
        shaper.shared = shared
        helper.shaper.shared = shared
        let job = UncheckedWork(work)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            while let index = next.take(below: count) { job.work(engines.values[worker], index) }
        }
        shaper.shared = nil
        helper.shaper.shared = nil
        shaper.adopt(helper.shaper)
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

/// The work of `withHelper`, called by both threads: each call works with the engine of its own thread only.
private struct UncheckedWork: @unchecked Sendable {
    let work: (LayoutEngine, Int) -> Void
    init(_ work: @escaping (LayoutEngine, Int) -> Void) { self.work = work }
}

/// The next item to work on, handed to one thread at a time.
private final class NextItem: Sendable {
    private let next = Mutex(0)

    func take(below limit: Int) -> Int? {
        next.withLock { next in
            guard next < limit else { return nil }
            next += 1
            return next - 1
        }
    }
}
