import Foundation
import Logging
import Testing
import TownAgent
import TownClient
import TownDaemon
import TownMerge
import TownTesting
import TownWire
import ZeroMQ

/// An office PC an hour slow and one a day fast, against a town on true time.
@Suite(.serialized) struct ClockSkewTests {
    /// A physical clock a fixed offset from the real one.
    final class SkewedClock: PhysicalClock, @unchecked Sendable {
        let offset: Int64
        init(offset: Int64) { self.offset = offset }
        func nowMilliseconds() -> UInt64 { UInt64(Int64(SystemClock().nowMilliseconds()) + offset) }
    }

    @Test func theNewestRealEditWinsWhereTheDesignSaysItShould() throws {
        let directory = Executables.temporaryDirectory()
        var configuration = DaemonConfiguration()
        configuration.dataDirectory = directory + "/town"
        configuration.basePort = PortAllocator.basePort()
        let daemon = try Daemon(configuration: configuration, logger: Logger(label: "skew"))
        defer { daemon.stop() }
        let context = try ZMQContext()
        func client() throws -> SubmitClient { try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(configuration.basePort + 3)") }
        func office(_ name: String, offset: Int64, village: String) throws -> AgentStore {
            try FileManager.default.createDirectory(atPath: directory + "/" + name, withIntermediateDirectories: true)
            return try AgentStore(path: directory + "/\(name)/agent.sqlite", origin: "village:\(village)", physicalClock: SkewedClock(offset: offset))
        }
        func town(_ key: String) throws -> (String?, Stamp?) {
            let value = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(configuration.basePort)").fetch().values[key]
            return (value.map { String(decoding: $0.body, as: UTF8.self) }, try value?.stamp())
        }
        let key = "/village/luli/2023/collective_income"
        var admin = HybridLogicalClock(origin: "admin")

        // An hour slow, never in touch before: its edit is stamped an hour in the past.
        let slow = try office("slow", offset: -3_600_000, village: "luli")
        try slow.enqueue([(key, "1000000", nil)])
        #expect(try OutboxFlusher(store: slow, client: client(), timeoutMilliseconds: 5000).flush().applied == 1)
        // It has now adopted the town's clock: its next edit, made after the admin's, wins.
        Thread.sleep(forTimeInterval: 0.01)
        #expect(try client().submit(SubmitRequest(key: key, uuid: AgentStore.newUUID(), stamp: try admin.now(), body: Array("1100000".utf8))).status == .applied)
        _ = try client().submit(SubmitRequest(key: "/town/2023/hq_return_enterprises", uuid: AgentStore.newUUID(), stamp: try admin.now(), body: Array("4".utf8)))
        try slow.adopt(try client().submit(SubmitRequest(key: "/agent/luli/presence", uuid: AgentStore.newUUID(), stamp: try slow.stamp(), ttlSeconds: 30, body: Array("v".utf8))).clock)
        try slow.enqueue([(key, "1200000", nil)])
        #expect(try OutboxFlusher(store: slow, client: client(), timeoutMilliseconds: 5000).flush().applied == 1)
        #expect(try town(key).0 == "1200000")
        // But an edit it makes while out of touch is stamped from its last contact, and loses to a
        // newer town edit: the design's price for a slow clock, bounded by the presence interval.
        let lastContact = try town(key).1!
        Thread.sleep(forTimeInterval: 0.01)
        #expect(try client().submit(SubmitRequest(key: key, uuid: AgentStore.newUUID(), stamp: try admin.now(), body: Array("1300000".utf8))).status == .applied)
        let offline = try slow.enqueue([(key, "1250000", nil)])
        #expect(offline[0].stamp.wallMilliseconds <= lastContact.wallMilliseconds + 1000)
        let report = try OutboxFlusher(store: slow, client: client(), timeoutMilliseconds: 5000).flush()
        #expect(report.superseded.map(\.town) == ["1300000"])

        // A day fast: refused as clock-ahead, restamped once with the town's time, then applied;
        // its PC clock is reported as wrong.
        let fast = try office("fast", offset: 86_400_000, village: "zhangzhai")
        let fastKey = "/village/zhangzhai/2023/collective_income"
        let entry = try fast.enqueue([(fastKey, "1600000", nil)])[0]
        let fastReport = try OutboxFlusher(store: fast, client: client(), timeoutMilliseconds: 5000).flush()
        #expect(fastReport.restamped == 1 && fastReport.applied == 1)
        let held = try town(fastKey)
        #expect(held.0 == "1600000")
        #expect(held.1!.wallMilliseconds < entry.stamp.wallMilliseconds - 80_000_000)
        #expect(try fast.clockAheadMilliseconds()! > 86_000_000)
        // The town's clock did not move a day ahead.
        let clock = try client().submit(SubmitRequest(key: "/town/2023/hq_return_enterprises", uuid: AgentStore.newUUID(), stamp: try admin.now(), body: Array("5".utf8))).clock
        #expect(clock.wallMilliseconds < SystemClock().nowMilliseconds() + 60_000)
    }
}
