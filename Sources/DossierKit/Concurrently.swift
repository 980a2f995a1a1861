import Dispatch
import Synchronization

/// Two pieces of independent work at once: one on another thread, one on the caller's.
enum Concurrently {
    /// Runs `other` on another thread while `here` runs on this one; returns when both are done, also when `here`
    /// throws (nothing is left running behind the caller). `other` goes to Dispatch's shared threads: for callers
    /// that are not themselves Dispatch workers busy with a batch (the batch's setup, before its workers start).
    static func run<A: Sendable, B>(_ other: @escaping @Sendable () -> A, _ here: () throws -> B) throws -> (A, B) {
        let result = Mutex<A?>(nil)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            let value = other()
            result.withLock { $0 = value }
            done.signal()
        }
        let mine = Result { try here() }
        done.wait()
        // `other` stored its value before signalling.
        return (result.withLock { $0.take()! }, try mine.get())
    }
}
