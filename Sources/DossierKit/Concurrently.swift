import Synchronization

/// Two pieces of independent work at once: one on another thread, one on the caller's.
enum Concurrently {
    /// Runs `other` on a thread of its own (`OwnThread`) while `here` runs on this one; returns when both are done,
    /// also when `here` throws (nothing is left running behind the caller). If no thread can be made, `other` runs
    /// here after `here`.
    static func run<A: Sendable, B>(_ other: @escaping @Sendable () -> A, _ here: () throws -> B) throws -> (A, B) {
        let result = Mutex<A?>(nil)
        let thread = OwnThread { let value = other(); result.withLock { $0 = value } }
        let mine = Result { try here() }
        if let thread { thread.join() } else { let value = other(); result.withLock { $0 = value } }
        return (result.withLock { $0.take()! }, try mine.get())
    }
}
