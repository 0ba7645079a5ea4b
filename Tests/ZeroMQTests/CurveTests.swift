import Testing
import ZeroMQ

@Suite struct CurveTests {
    @Test func libzmqHasCurve() {
        #expect(ZMQContext.has("curve"))
    }

    @Test func keyPairsAreZ85AndDerivable() throws {
        let pair = try CurveKeyPair.generate()
        #expect(pair.publicKey.utf8.count == 40)
        #expect(pair.secretKey.utf8.count == 40)
        #expect(try Z85.decodeKey(pair.publicKey).count == 32)
        #expect(try CurveKeyPair.fromSecretKey(pair.secretKey) == pair)
        #expect(!pair.description.contains(pair.secretKey))
        #expect(try CurveKeyPair.generate() != pair)
    }

    @Test func z85RoundTripsAndRejectsBadInput() throws {
        // The test vector of RFC 32.
        let raw: [UInt8] = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]
        #expect(Z85.encode(raw) == "HelloWorld")
        #expect(Z85.decode("HelloWorld") == raw)
        #expect(Z85.encode([1, 2, 3]) == nil)
        #expect(Z85.decode("abcd") == nil)
        #expect(Z85.decode("abc\"e") == nil)
        #expect(throws: ZMQError.self) { try Z85.decodeKey("short") }
    }

    @Test func handshakeWithCorrectServerKeyCarriesUserId() throws {
        let context = try ZMQContext()
        let serverPair = try CurveKeyPair.generate()
        let clientPair = try CurveKeyPair.generate()
        let zap = try TestZAPHandler(context: context, users: [clientPair.publicKey: "village:luli"])
        defer { zap.stop() }

        let server = try context.socket(.router)
        try server.setCurveServer(secretKey: serverPair.secretKey)
        try server.setZapDomain("townsync")
        let endpoint = try bindLoopback(server)

        let client = try context.socket(.dealer)
        try client.setCurveClient(serverKey: serverPair.publicKey, keyPair: clientPair)
        try client.connect(endpoint)
        try client.send([bytes("secret figure 2150000")])

        let message = try expectMessage(on: server)
        #expect(message.frames.last == bytes("secret figure 2150000"))
        #expect(message.userId == "village:luli")
        #expect(message.peerAddress == "127.0.0.1")
        #expect(zap.requests.first?.mechanism == "CURVE")
        #expect(zap.requests.first?.domain == "townsync")
    }

    @Test func wrongServerKeyDeliversNothing() throws {
        let context = try ZMQContext()
        let serverPair = try CurveKeyPair.generate()
        let impostor = try CurveKeyPair.generate()
        let clientPair = try CurveKeyPair.generate()
        let zap = try TestZAPHandler(context: context, users: [clientPair.publicKey: "admin"])
        defer { zap.stop() }

        let server = try context.socket(.router)
        try server.setCurveServer(secretKey: serverPair.secretKey)
        let monitor = try SocketMonitor(server, context: context)
        let endpoint = try bindLoopback(server)

        let client = try context.socket(.dealer)
        try client.setCurveClient(serverKey: impostor.publicKey, keyPair: clientPair)
        try client.connect(endpoint)
        try client.send([bytes("must not arrive")], mode: .dontWait)

        #expect(try server.receive(timeoutMilliseconds: 500) == nil)
        let failure = try monitor.waitFor(.handshakeFailedProtocol, timeoutMilliseconds: 3000)
        #expect(failure != nil)
    }

    @Test func unknownClientKeyIsRefusedByZAP() throws {
        let context = try ZMQContext()
        let serverPair = try CurveKeyPair.generate()
        let stranger = try CurveKeyPair.generate()
        let zap = try TestZAPHandler(context: context, users: [:])
        defer { zap.stop() }

        let server = try context.socket(.router)
        try server.setCurveServer(secretKey: serverPair.secretKey)
        let monitor = try SocketMonitor(server, context: context)
        let endpoint = try bindLoopback(server)

        let client = try context.socket(.dealer)
        try client.setCurveClient(serverKey: serverPair.publicKey, keyPair: stranger)
        try client.connect(endpoint)
        try client.send([bytes("hello")], mode: .dontWait)

        let refused = try monitor.waitFor(.handshakeFailedAuth, timeoutMilliseconds: 3000)
        #expect(refused?.value == 400)
        #expect(try server.receive(timeoutMilliseconds: 200) == nil)
    }
}
