import Foundation
import Testing
import TownClient
import TownMerge
import TownStore
import TownTesting
import TownWire

@Suite struct SubmitTests {
    static let key = "/village/luli/2023/collective_income"

    @Test func everyOutcomeIsRepliedRecordedAndLogged() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        var admin = Writer(origin: "admin")

        // An old edit made offline, then the town's newer correction.
        let stale = try luli.request(Self.key, "2150000")
        Thread.sleep(forTimeInterval: 0.005)
        let fix = try admin.request(Self.key, "2100000")

        let applied = try client.submit(fix)
        #expect(applied.status == .applied)
        #expect(applied.sequence == 1)
        #expect(applied.current == fix.stamp)
        #expect(applied.clock >= fix.stamp.time)

        let resend = try client.submit(fix)
        #expect(resend.status == .duplicate)
        #expect(resend.sequence == 1)

        let lost = try client.submit(stale)
        #expect(lost.status == .superseded)
        #expect(lost.body == Array("2100000".utf8))
        #expect(lost.current == fix.stamp)
        #expect(lost.detail?.contains("2100000") == true)

        var reused = fix
        reused.body = Array("999".utf8)
        let reuse = try client.submit(reused)
        #expect(reuse.status == .rejected && reuse.reason == .uuidReuse)

        let future = SubmitRequest(
            key: Self.key, uuid: Writer.uuid(),
            stamp: Stamp(wallMilliseconds: SystemClock().nowMilliseconds() + 86_400_000, counter: 0, origin: "village:luli"),
            body: Array("1".utf8))
        let ahead = try client.submit(future)
        #expect(ahead.status == .rejected && ahead.reason == .clockAhead)
        #expect(ahead.clock.wallMilliseconds < future.stamp.wallMilliseconds)

        // Malformed: a uuid of 3 bytes; still answered, echoing the key.
        try client.sendRaw([Array(Self.key.utf8), [0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3], Array("stamp=1.0\norigin=admin\n".utf8), Array("5".utf8)])
        let raw = try #require(try client.receiveRaw(timeoutMilliseconds: 3000))
        let malformed = try SubmitReply.decode(raw)
        #expect(malformed.status == .rejected && malformed.reason == .malformed)
        #expect(malformed.key == Self.key)
        #expect(malformed.detail?.contains("uuid") == true)

        // Malformed with a good uuid (no stamp): the reply echoes the uuid, so the sender can match it.
        let unstampedUUID = Writer.uuid()
        try client.sendRaw([Array(Self.key.utf8), [0, 0, 0, 0, 0, 0, 0, 0], unstampedUUID, Array("origin=admin\n".utf8), Array("5".utf8)])
        let unstamped = try SubmitReply.decode(try #require(try client.receiveRaw(timeoutMilliseconds: 3000)))
        #expect(unstamped.status == .rejected && unstamped.reason == .malformed)
        #expect(unstamped.uuid == unstampedUUID)

        let store = try town.openStore()
        let history = try store.history(forKey: Self.key)
        #expect(history.map(\.status) == ["applied", "duplicate", "superseded", "rejected", "rejected", "rejected", "rejected"])
        #expect(history.compactMap(\.reason) == ["uuid-reuse", "clock-ahead", "malformed", "malformed"])
        #expect(history[2].principal == "village:luli" && history[2].body == Array("2150000".utf8))
        #expect(try store.integrityCheck() == ["ok"])

        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.first == "daemon.started")
        for kind in ["submit.applied", "submit.duplicate", "submit.superseded", "submit.rejected"] {
            #expect(kinds.contains(kind), "\(kind) in \(kinds)")
        }
        let superseded = try town.events().first { $0["kind"] as? String == "submit.superseded" }
        #expect(superseded?["value"] as? String == "2150000")
        #expect(superseded?["winner"] as? String == "2100000")
        #expect(superseded?["village"] as? String == "luli")
    }

    @Test func pipelinedSubmitsAreEachAnsweredOnceInOrder() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        let requests = try (0..<500).map { try admin.request("/town/2023/item_\($0 % 50)", String($0)) }
        let replies = try client.submit(requests, timeoutMilliseconds: 10_000)
        #expect(replies.count == 500)
        #expect(replies.values.allSatisfy { $0.status == .applied })
        #expect(Set(replies.values.map(\.sequence)).count == 500)
        let snapshot = try town.snapshotClient().fetch(subtree: "/town/")
        #expect(snapshot.sequence == 500)
        #expect(snapshot.values.count == 50)
        #expect(snapshot.text("/town/2023/item_7") == "457")
    }

    @Test func accessRulesAndLocksComeBeforeMerge() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        var admin = Writer(origin: "admin")
        var reader = Writer(origin: "reader")

        #expect(try client.submit(luli.request("/village/zhangzhai/2023/collective_income", "1")).reason == .unauthorized)
        #expect(try client.submit(admin.request("/indicator/2023/village_collective_income_total", "1")).reason == .unauthorized)
        #expect(try client.submit(reader.request("/village/luli/2023/collective_income", "1")).reason == .unauthorized)
        #expect(try client.submit(luli.request("/project/p1/progress", "50")).reason == .unauthorized)
        #expect(try client.submit(admin.request("/project/p1/village", "luli")).status == .applied)
        #expect(try client.submit(luli.request("/project/p1/progress", "50")).status == .applied)
        #expect(try client.submit(luli.request("/project/p1/name", "x")).reason == .unauthorized)

        #expect(try client.submit(admin.request("/lock/luli/2023", "approved")).status == .applied)
        let locked = try client.submit(luli.request("/village/luli/2023/operating_income", "820000"))
        #expect(locked.status == .rejected && locked.reason == .locked)
        #expect(try client.submit(luli.request("/village/luli/2024/operating_income", "1")).status == .applied)
        #expect(try client.submit(admin.request("/lock/luli/2023", "")).status == .applied)
        #expect(try client.submit(luli.request("/village/luli/2023/operating_income", "820000")).status == .applied)

        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.contains("lock.set") && kinds.contains("lock.cleared"))
    }

    @Test func aDeleteIsATombstoneThatALateSetCannotResurrect() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        let early = try admin.request("/town/2023/enterprises", "4")
        #expect(try client.submit(admin.request("/town/2023/enterprises", "3")).status == .applied)
        #expect(try client.submit(admin.request("/town/2023/enterprises", "")).status == .applied)
        #expect(try client.submit(early).status == .superseded)
        #expect(try town.snapshotClient().fetch(subtree: "/town/").values.isEmpty)
    }
}
