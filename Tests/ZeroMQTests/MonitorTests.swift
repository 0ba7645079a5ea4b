import Testing
import ZeroMQ

@Suite struct MonitorTests {
    @Test func reportsConnectAndDisconnect() throws {
        let context = try ZMQContext()
        let server = try context.socket(.router)
        let monitor = try SocketMonitor(server, context: context)
        let endpoint = try bindLoopback(server)

        do {
            let client = try context.socket(.dealer)
            try client.connect(endpoint)
            let accepted = try monitor.waitFor(.accepted, timeoutMilliseconds: 3000)
            #expect(accepted?.endpoint == endpoint)
            client.close()
        }
        #expect(try monitor.waitFor(.disconnected, timeoutMilliseconds: 3000) != nil)
    }

    @Test func decodesRawEventFrames() {
        var header = [UInt8](repeating: 0, count: 6)
        withUnsafeBytes(of: UInt16(0x0800).littleEndian) { header.replaceSubrange(0..<2, with: $0) }  // ACCEPTED... of this host
        withUnsafeBytes(of: UInt32(42).littleEndian) { header.replaceSubrange(2..<6, with: $0) }
        let event = MonitorEvent.decode([header, bytes("tcp://127.0.0.1:5556")])
        #expect(event?.value == 42)
        #expect(event?.endpoint == "tcp://127.0.0.1:5556")
        #expect(MonitorEvent.decode([[1, 2], []]) == nil)
    }
}
