import DossierFrames
import DossierLayout
import Foundation

/// Pages handed from the thread that makes them to the thread that draws them, a few at a time: a long document is
/// drawn by Cairo on one core while its later pages (their running texts shaped with Pango) are made on the other.
/// Either side can stop the other: a page that cannot be made is the drawing's error; a drawing that fails stops
/// the making.
final class PageHandoff: @unchecked Sendable {  // every field is read and written under `condition`
    private let condition = NSCondition()
    private var waiting: [Page?] = []
    private var first = 0
    private var finished = false
    private var failure: (any Error)?
    private var stopped = false
    /// How many pages may be made ahead of the drawing: enough that Cairo never waits, few enough to hold little.
    static let ahead = 16

    /// Hands over the next page; waits while `ahead` pages wait to be drawn. Returns false once the drawing stopped.
    func put(_ page: Page) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count - first >= Self.ahead && !stopped { condition.wait() }
        guard !stopped else { return false }
        waiting.append(page)
        condition.broadcast()
        return true
    }

    /// No more pages: all were made, or `error` stopped the making.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next page, nil after the last; throws what stopped the making.
    func take() throws -> Page? {
        condition.lock()
        defer { condition.unlock() }
        while first == waiting.count && !finished { condition.wait() }
        if first < waiting.count {
            // Taken pages leave the list at once, so that a drawn page is let go (the making usually stays ahead,
            // so the list is seldom empty); the emptied slots are dropped now and then.
            let page = waiting[first].take()
            first += 1
            if first >= Self.ahead { waiting.removeFirst(first); first = 0 }
            condition.broadcast()
            return page
        }
        if let failure { throw failure }
        return nil
    }

    /// The drawing stopped: the making stops at its next page.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}

/// A paginated document handed to the one thread that makes its pages while another draws them: nothing else calls
/// it (nor its typesetter) until that thread is done; the drawing thread only reads its constant properties.
private struct MadeElsewhere: @unchecked Sendable {
    let paginated: PaginatedDocument
}

extension PaginatedDocument {
    /// The pages drawn while they are made: `draw` is called on this thread with a function giving the pages in
    /// order (nil after the last), while they are made on another thread a few pages ahead. Returns once both are
    /// done, the making stopped if `draw` throws. For a long document on a machine with a second core; the pages are
    /// the ones `nextPage()` gives on one thread, and they are made here, one by one, if no thread can be started.
    func drawWhileMaking(_ draw: (_ next: () throws -> Page?) throws -> Void) throws {
        let handoff = PageHandoff()
        let made = MadeElsewhere(paginated: self)
        guard let maker = OwnThread(run: {
            do {
                while let page = try made.paginated.nextPage() {
                    guard handoff.put(page) else { break }
                }
                handoff.finish(nil)
            } catch {
                handoff.finish(error)
            }
        }) else {
            return try draw { try self.nextPage() }
        }
        defer {
            handoff.stop()
            maker.join()
        }
        try draw { try handoff.take() }
    }
}
