#if canImport(Glibc)
import Glibc
#endif

/// A thread of its own, joined by its starter: for work that runs beside the caller's (`PaginatedDocument
/// .drawWhileMaking`, `Concurrently`). Not one of Dispatch's: the caller may itself be a Dispatch worker of a batch,
/// or a Swift concurrency thread, and Dispatch adds a worker for a blocked one only after a while, if at all. Made
/// with `pthread_create` rather than Foundation's `Thread`, whose `start()` cannot report a thread that could not be
/// made (the caller would then wait for it forever).
final class OwnThread {
    private let thread: pthread_t

    /// Starts `run` on a new thread; nil if the system cannot make one (the caller then does the work itself).
    init?(run: @escaping @Sendable () -> Void) {
        final class Work { let run: @Sendable () -> Void; init(_ run: @escaping @Sendable () -> Void) { self.run = run } }
        let work = Unmanaged.passRetained(Work(run)).toOpaque()
        var made = pthread_t()
        let status = pthread_create(&made, nil, { argument in
            Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue().run()
            return nil
        }, work)
        guard status == 0 else {
            Unmanaged<Work>.fromOpaque(work).release()
            return nil
        }
        thread = made
    }

    /// Waits for the thread to end.
    func join() { pthread_join(thread, nil) }
}
