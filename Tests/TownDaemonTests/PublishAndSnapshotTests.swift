import Foundation
import Testing
import TownClient
import TownMerge
import TownWire
import ZeroMQ

@Suite struct PublishAndSnapshotTests {
    @Test func subtreeSnapshotsCarryStampsAndTheCurrentSequence() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        var zhang = Writer(origin: "village:zhangzhai")
        let write = try luli.request("/village/luli/2023/collective_income", "2150000")
        _ = try client.submit(write)
        _ = try client.submit(luli.request("/village/luli/2023/operating_income", "820000"))
        _ = try client.submit(zhang.request("/village/zhangzhai/2023/collective_income", "1900000"))

        let snapshot = try town.snapshotClient().fetch(subtree: "/village/luli/")
        #expect(snapshot.sequence == 3)
        #expect(Set(snapshot.values.keys) == ["/village/luli/2023/collective_income", "/village/luli/2023/operating_income"])
        let value = try #require(snapshot.values["/village/luli/2023/collective_income"])
        #expect(try value.stamp() == write.stamp)
        #expect(value.uuid == write.uuid)
        #expect(value.sequence == 1)
        #expect(try town.snapshotClient().fetch().values.count == 3)
        #expect(try town.snapshotClient().fetch(subtree: "/").values.count == 3)
    }

    @Test func updatesArriveInSequenceOrderAndHugzCarryTheSequence() throws {
        let town = try TestDaemon()
        let subscriber = try town.subscriber()
        _ = try subscriber.waitUntilJoined()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        let requests = try (0..<100).map { try admin.request("/town/2023/figure_\($0)", String($0)) }
        _ = try client.submit(requests)

        var sequences: [UInt64] = []
        var hugz: [UInt64] = []
        let clock = ContinuousClock()
        let started = clock.now
        while clock.now - started < .milliseconds(2600) {
            guard let update = try subscriber.next(timeoutMilliseconds: 200) else { continue }
            switch update {
            case .kvpub(let message):
                sequences.append(message.sequence)
                #expect(try message.stamp()?.origin == "admin")
            case .hugz(let sequence): hugz.append(sequence)
            }
        }
        #expect(sequences == Array(1...100))
        // At least one HUGZ a second, each carrying the current sequence.
        #expect(hugz.count >= 2)
        #expect(hugz.last == 100)
    }

    @Test func aSubscriberThatMissedUpdatesSeesTheGapInHugz() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        _ = try client.submit(admin.request("/town/2023/a", "1"))
        let snapshot = try town.snapshotClient().fetch()
        #expect(snapshot.sequence == 1)
        // Updates published while this subscriber was not yet listening are lost to it...
        _ = try client.submit(admin.request("/town/2023/b", "2"))
        let subscriber = try town.subscriber()
        var gapSeen = false
        for _ in 0..<30 where !gapSeen {
            if case .hugz(let sequence) = try subscriber.next(timeoutMilliseconds: 200) {
                gapSeen = sequence > snapshot.sequence
            }
        }
        // ...and HUGZ tells it so; a new snapshot brings it level.
        #expect(gapSeen)
        let again = try town.snapshotClient().fetch()
        #expect(again.sequence == 2 && again.values.count == 2)
    }

    @Test func collectorWritesAreStampedOnReceipt() throws {
        let town = try TestDaemon()
        let subscriber = try town.subscriber(["/town/"])
        _ = try subscriber.waitUntilJoined()
        let publisher = try town.context.socket(.pub)
        try publisher.connect(town.endpoint(2))
        Thread.sleep(forTimeInterval: 0.3)  // a PUB drops what it sends before the connection is up
        let before = SystemClock().nowMilliseconds()
        try publisher.send(KVMessage(key: "/town/2023/enterprises", properties: ["ttl": "60"], body: Array("4".utf8)).encode())
        var received: KVMessage?
        for _ in 0..<20 where received == nil {
            if case .kvpub(let message) = try subscriber.next(timeoutMilliseconds: 200) { received = message }
        }
        let message = try #require(received)
        let stamp = try #require(try message.stamp())
        #expect(stamp.origin == "admin")
        #expect(stamp.wallMilliseconds >= before)
        #expect(message.properties["ttl"] == "60")
        #expect(try town.snapshotClient().fetch().text("/town/2023/enterprises") == "4")
    }

    @Test func ttlKeysExpireIntoPublishedTombstones() throws {
        let town = try TestDaemon()
        let subscriber = try town.subscriber(["/agent/"])
        _ = try subscriber.waitUntilJoined()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        #expect(try client.submit(luli.request("/agent/luli/presence", "village-agent 0.1", ttl: 1)).status == .applied)
        var deleted: KVMessage?
        for _ in 0..<40 where deleted == nil {
            if case .kvpub(let message) = try subscriber.next(timeoutMilliseconds: 100), message.body.isEmpty {
                deleted = message
            }
        }
        let tombstone = try #require(deleted)
        #expect(tombstone.key == "/agent/luli/presence")
        #expect(try tombstone.stamp()?.origin == "townd")
        #expect(try town.snapshotClient().fetch(subtree: "/agent/").values.isEmpty)
        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.contains("agent.online") && kinds.contains("ttl.expired") && kinds.contains("agent.offline"))
    }

    @Test func sequencesContinueAcrossARestart() throws {
        let town = try TestDaemon()
        var admin = Writer(origin: "admin")
        _ = try town.submitClient().submit(try (0..<10).map { try admin.request("/town/2023/x\($0)", "1") })
        try town.restart()
        let reply = try town.submitClient().submit(try admin.request("/town/2023/after", "1"))
        #expect(reply.sequence == 11)
        #expect(try town.snapshotClient().fetch().values.count == 11)
        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.filter { $0 == "daemon.started" }.count == 2)
        #expect(kinds.contains("daemon.stopping"))
    }
}
