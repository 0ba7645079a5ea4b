import Foundation
import Testing
import ZMTPStream
import ZeroMQ

/// The dealer against libzmq's ROUTER over loopback: what one sends, the other receives whole.
@Suite struct ZMTPDealerTests {
    /// A ROUTER on a free loopback port, and that port.
    static func router(_ context: ZMQContext, configure: (Socket) throws -> Void = { _ in }) throws -> (Socket, Int) {
        let router = try context.socket(.router)
        try router.setLinger(milliseconds: 0)
        try configure(router)
        try router.bind("tcp://127.0.0.1:*")
        let endpoint = try router.lastEndpoint()
        let port = try #require(Int(endpoint.split(separator: ":").last ?? ""))
        return (router, port)
    }

    /// Reads from the dealer until a message is whole or two seconds pass (bounded).
    static func nextMessage(from dealer: ZMTPDealer) throws -> [[UInt8]]? {
        var frames: [[UInt8]] = []
        let deadline = Date().addingTimeInterval(2)
        while Date() < deadline {
            try dealer.flush()
            if dealer.nextMessage(into: &frames) { return frames }
            var descriptor = pollfd(fd: dealer.descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 50)
            try dealer.fill()
        }
        return nil
    }

    @Test func messagesGoBothWaysWithALibzmqRouter() throws {
        let context = try ZMQContext()
        let (router, port) = try Self.router(context)
        defer { router.close() }
        let dealer = try ZMTPDealer(port: port)
        let sent: [[[UInt8]]] = [
            [Array("/village/v1/2023/collective_income".utf8), [0, 0, 0, 0, 0, 0, 0, 0], Array(repeating: 7, count: 16)],
            [[]],
            [Array(repeating: 0xAB, count: 300), Array("tail".utf8)],
        ]
        for message in sent { dealer.queue(message) }
        try dealer.flush()
        var identity: [UInt8] = []
        for message in sent {
            let received = try #require(try router.receive(timeoutMilliseconds: 3000), "the router got nothing")
            identity = received.frames[0]
            #expect(Array(received.frames.dropFirst()) == message)
        }
        for message in sent.reversed() { #expect(try router.send([identity] + message)) }
        for message in sent.reversed() {
            #expect(try Self.nextMessage(from: dealer) == message)
        }
    }

    @Test func manyPipelinedMessagesArriveInOrder() throws {
        let context = try ZMQContext()
        let (router, port) = try Self.router(context)
        defer { router.close() }
        let dealer = try ZMTPDealer(port: port)
        let count = 2_000
        for n in 0..<count { dealer.queue([withUnsafeBytes(of: UInt32(n).bigEndian) { Array($0) }, Array(repeating: 1, count: n % 400)]) }
        var echoed = 0
        var next = 0
        let deadline = Date().addingTimeInterval(10)
        while next < count && Date() < deadline {
            try dealer.flush()
            while echoed < count, let message = try router.receive(mode: .dontWait) {
                #expect(try router.send(message.frames))
                echoed += 1
            }
            var descriptor = pollfd(fd: dealer.descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 5)
            try dealer.fill()
            var frames: [[UInt8]] = []
            while dealer.nextMessage(into: &frames) {
                #expect(frames[0] == withUnsafeBytes(of: UInt32(next).bigEndian) { Array($0) })
                #expect(frames[1].count == next % 400)
                next += 1
            }
        }
        #expect(next == count)
    }

    @Test func aCurveServerIsRefusedWithAReason() throws {
        let context = try ZMQContext()
        let pair = try CurveKeyPair.generate()
        let (router, port) = try Self.router(context) { try $0.setCurveServer(secretKey: pair.secretKey) }
        defer { router.close() }
        // libzmq hangs up on reading a NULL greeting instead of sending its own mechanism.
        #expect(
            throws: ZMTPError(
                "the peer closed the connection before its greeting (a peer that wants a security mechanism other than NULL, such as CURVE, hangs up instead)")
        ) {
            try ZMTPDealer(port: port)
        }
    }

    @Test func noServerIsAClearError() throws {
        // A port just bound and closed again: nothing listens there.
        let context = try ZMQContext()
        let (router, port) = try Self.router(context)
        router.close()
        Thread.sleep(forTimeInterval: 0.1)
        do {
            _ = try ZMTPDealer(port: port)
            Issue.record("connected to a closed port")
        } catch {
            #expect(error.description.hasPrefix("connect to 127.0.0.1:\(port)"))
        }
    }

    @Test func aClosedPeerIsAnErrorNotAHang() throws {
        let context = try ZMQContext()
        let (router, port) = try Self.router(context)
        let dealer = try ZMTPDealer(port: port)
        router.close()
        var failed = false
        let deadline = Date().addingTimeInterval(3)
        while !failed && Date() < deadline {
            var descriptor = pollfd(fd: dealer.descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 50)
            do { try dealer.fill() } catch { failed = true }
        }
        #expect(failed)
    }

    @Test func heartbeatsFromTheRouterAreAnsweredAndTheConnectionLives() throws {
        let context = try ZMQContext()
        let (router, port) = try Self.router(context) { try $0.setHeartbeat(intervalMilliseconds: 20, timeoutMilliseconds: 100) }
        defer { router.close() }
        let dealer = try ZMTPDealer(port: port)
        // Well past the time-out: libzmq pings a ZMTP 3.0 peer too and hangs up after 100 ms
        // without traffic, so only the PONGs keep the connection (without them this fails).
        let until = Date().addingTimeInterval(0.5)
        var frames: [[UInt8]] = []
        while Date() < until {
            var descriptor = pollfd(fd: dealer.descriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 10)
            try dealer.fill()
            #expect(!dealer.nextMessage(into: &frames))
            try dealer.flush()
        }
        dealer.queue([Array("still here".utf8)])
        try dealer.flush()
        let received = try #require(try router.receive(timeoutMilliseconds: 3000))
        #expect(received.frames.last == Array("still here".utf8))
        #expect(try router.send([received.frames[0], Array("yes".utf8)]))
        #expect(try Self.nextMessage(from: dealer) == [Array("yes".utf8)])
    }
}
