import Foundation
import Logging
import Testing
import TownAgent
import TownClient
import TownDaemon
import TownMerge
import TownModel
import TownTesting
import TownWire
import ZeroMQ

/// Two offices of one village and an admin write the same figures; deliveries are shuffled,
/// delayed and repeated. In the end every mirror equals the town (compared by digest).
@Suite(.serialized) struct ConvergenceTests {
    static func digest(_ pairs: [(String, String)]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
            for byte in Array(key.utf8) + [0] + Array(value.utf8) + [0xFF] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func everyMirrorEndsEqualToTheTown(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let directory = Executables.temporaryDirectory()
        var configuration = DaemonConfiguration()
        configuration.dataDirectory = directory + "/town"
        configuration.basePort = PortAllocator.basePort()
        let daemon = try Daemon(configuration: configuration, logger: Logger(label: "convergence"))
        defer { daemon.stop() }
        var agentSettings = AgentConfiguration()
        agentSettings.village = "luli"
        agentSettings.basePort = configuration.basePort
        let context = try ZMQContext()
        let offices = try (0..<2).map { index -> AgentStore in
            try FileManager.default.createDirectory(atPath: directory + "/pc\(index)", withIntermediateDirectories: true)
            return try AgentStore(path: directory + "/pc\(index)/agent.sqlite", origin: "village:luli")
        }
        let keys = (2022...2024).flatMap { year in ["collective_income", "operating_income"].map { "/village/luli/\(year)/\($0)" } }
        var adminClock = HybridLogicalClock(origin: "admin")
        var adminWrites: [SubmitRequest] = []
        for _ in 0..<40 {
            let key = random.pick(keys)
            let value = String(Int.random(in: 100_000...3_000_000, using: &random))
            if random.chance(0.25) {
                adminWrites.append(SubmitRequest(key: key, uuid: AgentStore.newUUID(), stamp: try adminClock.now(), body: Array(value.utf8)))
            } else {
                try random.pick(offices).enqueue([(key, value, nil)])
            }
            if random.chance(0.3) { Thread.sleep(forTimeInterval: 0.002) }
        }
        // Shuffled, repeated delivery: the admin's writes in random order (some twice), the offices
        // flushing in random order, one of them twice.
        let admin = try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(configuration.basePort + 3)")
        var deliveries = adminWrites.shuffled(using: &random)
        deliveries += adminWrites.filter { _ in random.chance(0.3) }
        for office in [0, 1, 0].shuffled(using: &random) {
            if random.chance(0.5), !deliveries.isEmpty {
                _ = try admin.submit(Array(deliveries.prefix(10)), timeoutMilliseconds: 5000)
                deliveries.removeFirst(min(10, deliveries.count))
            }
            let client = try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(configuration.basePort + 3)")
            let report = try OutboxFlusher(store: offices[office], client: client, timeoutMilliseconds: 5000).flush()
            #expect(report.failed.isEmpty && report.left == 0)
        }
        _ = try admin.submit(deliveries, timeoutMilliseconds: 5000)
        let town = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(configuration.basePort)").fetch(subtree: "/village/luli/")
        let townPairs = town.values.map { ($0.key, String(decoding: $0.value.body, as: UTF8.self)) }
        for office in offices {
            try MirrorFollower(store: office, village: "luli", context: context, configuration: agentSettings, security: nil).resnapshot()
            let mirror = try office.mirror(prefix: "/village/luli/").map { ($0.key, $0.value) }
            #expect(Self.digest(mirror) == Self.digest(townPairs), "seed \(seed)")
            #expect(try office.outbox().isEmpty)
        }
        // The town holds, per key, the newest stamp written to it.
        for key in keys {
            guard let held = try town.values[key]?.stamp() else { continue }
            let newest = adminWrites.filter { $0.key == key }.map(\.stamp).max()
            if let newest { #expect(held >= newest, "\(key)") }
        }
    }
}
