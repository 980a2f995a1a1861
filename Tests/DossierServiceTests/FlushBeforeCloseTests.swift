@testable import DossierService
import NIOCore
import NIOEmbedded
import Testing

/// `FlushBeforeClose`, on NIO's embedded channel with a socket stand-in that finishes writes only when told: a
/// close waits for the last write (what SIGTERM truncated), and for no longer than its patience.
@Suite struct FlushBeforeCloseTests {
    /// Stands for a socket whose buffer is full: writes finish when `release` is called.
    final class SlowSocket: ChannelOutboundHandler, RemovableChannelHandler {
        typealias OutboundIn = ByteBuffer
        var held: [EventLoopPromise<Void>] = []
        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let promise = promise ?? context.eventLoop.makePromise()
            held.append(promise)
            context.write(data, promise: nil)
        }
        func release() { held.forEach { $0.succeed() }; held = [] }
    }

    func channel() throws -> (EmbeddedChannel, SlowSocket) {
        let socket = SlowSocket()
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(socket)
        try channel.pipeline.syncOperations.addHandler(FlushBeforeClose(patience: .seconds(30)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 8080)).wait()
        return (channel, socket)
    }

    @Test func aCloseWaitsForTheLastWrite() throws {
        let (channel, socket) = try channel()
        defer { socket.release() }  // no promise is left unfulfilled (NIO stops a debug build on one)
        channel.writeAndFlush(ByteBuffer(string: "the end of a long answer"), promise: nil)
        let closed = channel.close()
        channel.embeddedEventLoop.run()
        #expect(channel.isActive, "the rule that a connection is closed only once its last write is done: closed before it")
        socket.release()
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        try closed.wait()
    }

    /// Hummingbird's idle timer closes again while the first close waits: the second waits too (a review found it
    /// going straight through, which cut the answer again).
    @Test func aSecondCloseWaitsForTheFirst() throws {
        let (channel, socket) = try channel()
        defer { socket.release() }
        channel.writeAndFlush(ByteBuffer(string: "the end of a long answer"), promise: nil)
        let first = channel.close(), second = channel.close()
        channel.embeddedEventLoop.run()
        #expect(channel.isActive, "the rule that a connection is closed only once its last write is done: a second close went through")
        socket.release()
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        try first.wait()
        try second.wait()
    }

    @Test func aClientThatNeverReadsIsClosedAfterThePatience() throws {
        let (channel, socket) = try channel()
        defer { socket.release() }
        channel.writeAndFlush(ByteBuffer(string: "never read"), promise: nil)
        _ = channel.close()
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive, "a close waited past its patience")
    }

    @Test func aCloseWithNothingWrittenIsAtOnce() throws {
        let (channel, _) = try channel()
        _ = channel.close()
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
    }
}
