import Foundation
import Testing
import TownClient
import TownTesting
import TownWire
import ZeroMQ

/// Garbage on every socket: the daemon keeps answering and the store is unchanged.
@Suite struct HostileInputTests {
    @Test func garbageOnEverySocketChangesNothing() throws {
        let town = try TestDaemon()
        var admin = Writer(origin: "admin")
        _ = try town.submitClient().submit(admin.request("/town/2023/enterprises", "4"))
        let before = try town.snapshotClient().fetch()

        var random = SeededGenerator(seed: 99)
        let snapshotDealer = try town.context.socket(.dealer)
        try snapshotDealer.connect(town.endpoint(0))
        let submitDealer = try town.context.socket(.dealer)
        try submitDealer.connect(town.endpoint(3))
        let collectorPub = try town.context.socket(.pub)
        try collectorPub.connect(town.endpoint(2))
        let rawPush = try town.context.socket(.dealer)
        try rawPush.connect(town.endpoint(1))  // a DEALER cannot talk to PUB: the handshake fails
        Thread.sleep(forTimeInterval: 0.2)

        var submitted = 0
        for _ in 0..<300 {
            let frames = WireMutator.mutate(SubmitRequest(key: "/town/2023/enterprises", uuid: Writer.uuid(), stamp: try admin.clock.now(), body: Array("5".utf8)).encode(), using: &random)
            // Only real garbage (a mutation may happen to stay valid), and small enough to reach the
            // daemon (MAXMSGSIZE is tested below).
            if frames.isEmpty || (try? SubmitRequest.decode(frames)) != nil { continue }
            if frames.reduce(0, { $0 + $1.count }) > 60_000 { continue }
            try submitDealer.send(frames)
            submitted += 1
            try snapshotDealer.send(WireMutator.mutate([Array("ICANHAZ?".utf8), Array("/town/".utf8)], using: &random) + [[]])
            try collectorPub.send(WireMutator.mutate([Array("/town/2023/enterprises".utf8), [1], [], [], [0xC3]], using: &random))
        }
        try snapshotDealer.send([Array("ICANHAZ?".utf8)])

        // Every addressable malformed submit is answered rejected/malformed.
        var answered = 0
        while var frames = try submitDealer.receive(timeoutMilliseconds: 1000)?.frames {
            // Garbage that starts with an empty frame looks like a REQ envelope and is answered as one.
            if frames.count == 6 && frames[0].isEmpty { frames.removeFirst() }
            let reply = try SubmitReply.decode(frames)
            #expect(reply.status == .rejected && reply.reason == .malformed)
            answered += 1
        }
        #expect(answered == submitted)
        // Over MAXMSGSIZE: libzmq disconnects the peer before the daemon sees anything.
        try submitDealer.send([[UInt8](repeating: 0x41, count: 200_000)])
        #expect(try submitDealer.receive(timeoutMilliseconds: 300) == nil)

        let after = try town.snapshotClient().fetch(timeoutMilliseconds: 1000)
        #expect(after == before)
        #expect(try town.openStore().integrityCheck() == ["ok"])
        let good = try town.submitClient().submit(admin.request("/town/2023/enterprises", "5"))
        #expect(good.status == .applied)
    }

    @Test func aClientThatConnectsAndSaysNothingHarmsNobody() throws {
        let town = try TestDaemon()
        var silent: [Socket] = []
        for offset in 0..<5 {
            for _ in 0..<20 {
                let socket = try town.context.socket(offset == 1 || offset == 4 ? .sub : .dealer)
                try socket.connect(town.endpoint(offset))
                silent.append(socket)
            }
        }
        var admin = Writer(origin: "admin")
        #expect(try town.submitClient().submit(admin.request("/town/2023/a", "1")).status == .applied)
        #expect(try town.snapshotClient().fetch(timeoutMilliseconds: 1000).values.count == 1)
        _ = silent
    }
}
