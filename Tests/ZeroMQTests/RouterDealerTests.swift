import Testing
import ZeroMQ

@Suite struct RouterDealerTests {
    @Test(arguments: ["inproc", "tcp"])
    func roundTripWithIdentity(transport: String) throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        let endpoint: String
        if transport == "inproc" {
            endpoint = "inproc://router-dealer-\(transport)"
            try router.bind(endpoint)
        } else {
            endpoint = try bindLoopback(router)
        }
        let dealer = try context.socket(.dealer)
        try dealer.setRoutingId(bytes("village-luli"))
        try dealer.connect(endpoint)

        try dealer.send([bytes("ICANHAZ?"), bytes("/village/luli/")])
        let request = try expectMessage(on: router)
        #expect(request.frames == [bytes("village-luli"), bytes("ICANHAZ?"), bytes("/village/luli/")])

        try router.send([request.frames[0], bytes("KTHXBAI"), [0, 0, 0, 0, 0, 0, 0, 7]])
        let reply = try expectMessage(on: dealer)
        #expect(reply.frames == [bytes("KTHXBAI"), [0, 0, 0, 0, 0, 0, 0, 7]])
    }

    @Test func routerMandatoryReportsUnknownPeer() throws {
        let context = try ZMQContext()
        let router = try context.socket(.router)
        try router.setRouterMandatory(true)
        _ = try bindLoopback(router)
        let error = #expect(throws: ZMQError.self) {
            try router.send([bytes("nobody"), bytes("hello")])
        }
        #expect(error?.isHostUnreachable == true)
        #expect(error?.call == "zmq_send")
    }

    @Test func nonBlockingReceiveReturnsNilWhenEmpty() throws {
        let context = try ZMQContext()
        let dealer = try context.socket(.dealer)
        #expect(try dealer.receive(mode: .dontWait) == nil)
    }

    @Test func errorsCarryCallAndErrno() throws {
        let context = try ZMQContext()
        let socket = try context.socket(.router)
        let error = #expect(throws: ZMQError.self) { try socket.bind("nonsense://here") }
        #expect(error?.call == "zmq_bind")
        #expect(error?.errno != 0)
        #expect(error?.context == "nonsense://here")
        #expect(error?.description.contains("zmq_bind failed") == true)
    }
}
