import Foundation
import Testing
import ZeroMQ

@Suite struct LimitsAndShutdownTests {
    @Test func oversizedMessageIsRefusedWithoutHarmingReceiver() throws {
        let context = try ZMQContext()
        let receiver = try context.socket(.pull)
        try receiver.setMaxMessageSize(1024)
        let endpoint = try bindLoopback(receiver)

        let big = try context.socket(.push)
        try big.connect(endpoint)
        try big.send([[UInt8](repeating: 0xAB, count: 4096)])
        #expect(try receiver.receive(timeoutMilliseconds: 300) == nil)

        let small = try context.socket(.push)
        try small.connect(endpoint)
        try small.send([bytes("still answering")])
        let message = try expectMessage(on: receiver)
        #expect(message.frames == [bytes("still answering")])
    }

    @Test func terminationWithPendingMessagesReturnsPromptly() throws {
        let clock = ContinuousClock()
        var elapsed = Duration.zero
        do {
            let context = try ZMQContext(defaultLinger: 50)
            let push = try context.socket(.push)
            try push.connect("tcp://127.0.0.1:1")  // nothing listens: messages stay queued
            for _ in 0..<100 { _ = try push.send([bytes("pending")], mode: .dontWait) }
            let started = clock.now
            push.close()
            context.shutdown()
            _ = consume context  // last reference: zmq_ctx_term runs here
            elapsed = clock.now - started
        }
        // A hang would be the bug; the bound only stops the test from waiting forever for it.
        #expect(elapsed < .seconds(5))
    }

    @Test func shutdownWakesABlockedReceiver() throws {
        let context = try ZMQContext()
        let woke = DispatchSemaphore(value: 0)
        let result = LockedBox<ZMQError?>(nil)
        let thread = Thread {
            do {
                let socket = try context.socket(.pull)
                try socket.bind("inproc://blocked")
                _ = try socket.receive()  // blocks until the context shuts down
            } catch let error as ZMQError {
                result.value = error
            } catch {}
            woke.signal()
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.1)
        context.shutdown()
        #expect(woke.wait(timeout: .now() + 5) == .success)
        #expect(result.value?.isContextTerminated == true)
    }

    @Test func optionsAreAccepted() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.router)
        try socket.setSendHighWaterMark(500)
        try socket.setReceiveHighWaterMark(500)
        try socket.setHeartbeat(intervalMilliseconds: 1000, timeoutMilliseconds: 3000, ttlMilliseconds: 5000)
        try socket.setReceiveTimeout(milliseconds: 100)
        try socket.setSendTimeout(milliseconds: 100)
        try socket.setImmediate(true)
        try socket.setLinger(milliseconds: 0)
        #expect(throws: ZMQError.self) { try socket.setCurveServer(secretKey: "not a key") }
    }
}
