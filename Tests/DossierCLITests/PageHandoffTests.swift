@testable import DossierKit
import DossierFrames
import Foundation
import Testing

/// The handoff between the thread that makes a long document's pages and the one that draws them (`PageHandoff`):
/// pages arrive in order and whole, the maker waits when it is too far ahead, and a failure on either side stops the
/// other instead of leaving it waiting.
@Suite struct PageHandoffTests {
    static func page(_ number: Int) -> Page {
        Page(size: Size(width: 100, height: Double(number)), items: [])
    }

    @Test func pagesArriveInOrderAndTheMakerWaitsWhenFarAhead() throws {
        let handoff = PageHandoff()
        let count = PageHandoff.ahead * 5
        let mostAhead = MostAhead()
        let done = DispatchSemaphore(value: 0)
        let taken = TakenCount()
        DispatchQueue.global().async {
            for number in 1...count {
                _ = handoff.put(Self.page(number))
                mostAhead.record(number - taken.value)
            }
            handoff.finish(nil)
            done.signal()
        }
        var heights: [Double] = []
        while let page = try handoff.take() {
            heights.append(page.size.height)
            taken.increment()
            if heights.count % 7 == 0 { usleep(2000) }  // a slow drawer, so that the maker gets ahead
        }
        done.wait()
        #expect(heights == (1...count).map(Double.init), "pages out of order or missing")
        #expect(mostAhead.value <= PageHandoff.ahead + 1, "the maker ran \(mostAhead.value) pages ahead")
    }

    @Test func aPageThatCannotBeMadeIsTheDrawingsError() throws {
        struct Unshapable: Error {}
        let handoff = PageHandoff()
        DispatchQueue.global().async {
            _ = handoff.put(Self.page(1))
            handoff.finish(Unshapable())
        }
        #expect(try handoff.take()?.size.height == 1, "the pages made before the failure are drawn")
        #expect(throws: Unshapable.self) { try handoff.take() }
    }

    @Test func aDrawingThatStopsStopsTheMaking() throws {
        let handoff = PageHandoff()
        let stoppedAt = Mutexed<Int?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for number in 1...1000 where !handoff.put(Self.page(number)) {
                stoppedAt.set(number)
                break
            }
            handoff.finish(nil)
            done.signal()
        }
        _ = try handoff.take()
        handoff.stop()
        #expect(done.wait(timeout: .now() + 10) == .success, "the maker is still waiting after the drawing stopped")
        #expect(try #require(stoppedAt.get()) <= PageHandoff.ahead + 2)
    }
}

private final class MostAhead: @unchecked Sendable {
    private let lock = NSLock()
    private var most = 0
    func record(_ ahead: Int) { lock.lock(); most = max(most, ahead); lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return most }
}

private final class TakenCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

private final class Mutexed<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T
    init(_ value: T) { stored = value }
    func set(_ value: T) { lock.lock(); stored = value; lock.unlock() }
    func get() -> T { lock.lock(); defer { lock.unlock() }; return stored }
}
