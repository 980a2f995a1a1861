import NIOCore

/// Closes a connection only once what was written on it has gone to the system, or after `patience`.
///
/// When the server stops (SIGTERM), Hummingbird's connection handler closes each connection as soon as the end of
/// its answer is handed to the channel, and NIO drops what it has not yet written to the socket: a client got
/// `200` and a `Content-Length` of 13 MB, then the connection closed after 8 to 12 MB of them, although the
/// service promises to answer what is in flight. Placed between that handler and the socket, this one holds
/// every close until the last write is done (or `patience` has passed: a client that never reads must not keep
/// the server from stopping).
final class FlushBeforeClose: ChannelOutboundHandler, RemovableChannelHandler {
    // What is written passes through untouched (`NIOAny`), whatever its type: never unwrapped here.
    typealias OutboundIn = Any
    typealias OutboundOut = Any

    private let patience: TimeAmount
    private var lastWrite: EventLoopFuture<Void>?
    /// The close being held, once one is: a later close (Hummingbird's idle timer fires one) waits for it too.
    private var closing: EventLoopPromise<Void>?

    init(patience: TimeAmount) { self.patience = patience }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let written = promise ?? context.eventLoop.makePromise(of: Void.self)
        lastWrite = written.futureResult
        context.write(data, promise: written)
    }

    func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        if let closing {
            if let promise { closing.futureResult.cascade(to: promise) }
            return
        }
        guard mode == .all, let pending = lastWrite else {
            context.close(mode: mode, promise: promise)
            return
        }
        let closed = context.eventLoop.makePromise(of: Void.self)
        closing = closed
        if let promise { closed.futureResult.cascade(to: promise) }
        let loop = context.eventLoop.assumeIsolated()
        var done = false
        let closeOnce = {
            guard !done else { return }
            done = true
            context.close(mode: mode, promise: closed)
        }
        let deadline = loop.scheduleTask(in: patience) { closeOnce() }
        context.flush()
        pending.assumeIsolated().whenComplete { _ in
            deadline.cancel()
            closeOnce()
        }
    }
}
