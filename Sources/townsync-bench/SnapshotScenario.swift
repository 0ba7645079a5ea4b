import Foundation
import Synchronization
import TownClient
import TownMerge
import TownStore
import TownWire
import ZeroMQ

/// Snapshot, restart and memory at N keys: the store is filled directly (as after a long life),
/// then townd starts (timed to READY=1), and clients take whole snapshots, one alone and ten at once.
enum SnapshotScenario {
    static func run(_ settings: BenchSettings, keys: Int, ports: inout PortPicker) throws -> BenchResult {
        var result = BenchResult(scenario: "snapshot_\(keys)")
        let workload = Workload(villages: keys / 2)
        let directory = try Scratch.directory(settings, "snapshot-\(keys)")
        try workload.writeRegistry(to: directory + "/villages.json")
        try FileManager.default.createDirectory(atPath: directory + "/state", withIntermediateDirectories: true)
        do {
            let store = try Store(path: directory + "/state/townd.sqlite", synchronous: .off)
            var index = 0
            while index < keys {
                var batch = StoreBatch(lastSequence: UInt64(min(keys, index + 50_000)), clock: LogicalTime(wallMilliseconds: 1_700_000_000_000))
                for n in index..<min(keys, index + 50_000) {
                    let (key, village) = workload.key(n)
                    let stamp = Stamp(wallMilliseconds: 1_700_000_000_000, counter: UInt32(n), origin: "village:\(village)")
                    batch.values.append(
                        StoredValue(key: key, version: Version(stamp: stamp, body: workload.storedBody(n), uuid: Self.uuid(n)), sequence: UInt64(n + 1)))
                    // Each value came with a uuid townd keeps (and reads into its uuid filter at start).
                    batch.seen.append(SeenWrite(uuid: Self.uuid(n), key: key, fingerprint: UInt64(n)))
                }
                try store.commit(batch)
                index += 50_000
            }
        }
        let townd = try TowndProcess(directory: directory, basePort: try ports.next(), villagesFile: directory + "/villages.json")
        Thread.sleep(forTimeInterval: 0.5)
        let rss = Measure.memory(pid: townd.pid)
        let endpoint = "tcp://127.0.0.1:\(townd.basePort)"
        let context = try ZMQContext()
        // One client alone, three times (the machine is shared and noisy): the median of each.
        var singles: [Double] = []
        var raws: [Double] = []
        var complete = true
        for _ in 0..<3 {
            let single = Measure.now()
            let snapshot = try SnapshotClient(context: context, endpoint: endpoint).fetch(timeoutMilliseconds: 120_000)
            singles.append(Measure.now() - single)
            complete = complete && snapshot.values.count >= keys
            raws.append(try rawTransferSeconds(context: context, endpoint: endpoint))
        }
        let duringSnapshot = try acksDuringSnapshot(
            context: context, endpoint: endpoint, submitEndpoint: "tcp://127.0.0.1:\(townd.basePort + 3)", workload: workload)
        let singleSeconds = singles.sorted()[1]
        let rawSeconds = raws.sorted()[1]
        let ten = Measure.now()
        let counts = Mutex<[Int]>([])
        let group = DispatchGroup()
        for _ in 0..<10 {
            group.enter()
            Thread {
                let count = (try? SnapshotClient(context: context, endpoint: endpoint).fetch(timeoutMilliseconds: 300_000).values.count) ?? 0
                counts.withLock { $0.append(count) }
                group.leave()
            }.start()
        }
        group.wait()
        let tenSeconds = Measure.now() - ten
        townd.stop()
        result.add("restart_to_ready_s", townd.secondsToReady, "s")
        result.add("snapshot_one_client_s", singleSeconds, "s")
        result.add(
            "snapshot_one_client_keys_per_s", Double(keys) / singleSeconds, "/s",
            ceiling: ("raw_transfer", Double(keys) / rawSeconds))
        result.add("snapshot_ten_clients_s", tenSeconds, "s")
        result.add("ack_during_snapshot_p50_ms", duringSnapshot.p50, "ms")
        result.add("ack_during_snapshot_max_ms", duringSnapshot.max, "ms")
        result.add("resident_bytes_per_key", rss / Double(keys), "B")
        result.add("daemon_rss_mb", rss / 1_048_576, "MB")
        if !complete || counts.withLock({ $0.contains { $0 < keys } }) {
            result.notes.append("WARNING: a snapshot came back incomplete")
        }
        result.notes.append(
            "\(keys) keys (plus derived indicators), model on; one client: median of "
                + singles.map { String(format: "%.2f", $0) }.joined(separator: " / ") + " s")
        return result
    }

    /// Writes submitted one at a time (each waits for its ack) while one client takes a whole
    /// snapshot: how long a write waits while a snapshot is being sent (p50 and max, ms).
    static func acksDuringSnapshot(
        context: ZMQContext, endpoint: String, submitEndpoint: String, workload: Workload
    ) throws -> (p50: Double, max: Double) {
        let done = Atomic<Bool>(false)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            _ = try? SnapshotClient(context: context, endpoint: endpoint).fetch(timeoutMilliseconds: 120_000)
            done.store(true, ordering: .releasing)
            finished.signal()
        }.start()
        let socket = try context.socket(.dealer)
        try socket.connect(submitEndpoint)
        defer { socket.close() }
        var latencies: [Double] = []
        var n = 0
        while !done.load(ordering: .acquiring) && n < 100_000 {
            let uuid = withUnsafeBytes(of: UInt64(n).bigEndian) { Array($0) } + [UInt8](repeating: 0x5D, count: 8)
            let started = Measure.now()
            try socket.send(workload.submit(connection: 0, connections: 1, n: n, uuid: uuid, value: 1_000))
            guard let reply = try socket.receive(timeoutMilliseconds: 30_000) else { break }
            if ReplyCheck.applied.request(of: reply.frames) != nil { latencies.append((Measure.now() - started) * 1000) }
            n += 1
        }
        finished.wait()
        latencies.sort()
        guard !latencies.isEmpty else { return (0, 0) }
        return (latencies[latencies.count / 2], latencies[latencies.count - 1])
    }

    /// A distinct 16-byte uuid per stored value, as every value written through submit has.
    static func uuid(_ n: Int) -> [UInt8] {
        withUnsafeBytes(of: UInt64(n).bigEndian) { Array($0) } + withUnsafeBytes(of: UInt64(0x7453_796E_6342_656E).bigEndian) { Array($0) }
    }

    /// The transfer alone: the same request, every frame received into one reused message and
    /// counted, nothing decoded or kept (what a client could do at best on this machine).
    static func rawTransferSeconds(context: ZMQContext, endpoint: String) throws -> Double {
        let socket = try context.socket(.dealer)
        try socket.setReceiveHighWaterMark(0)
        try socket.connect(endpoint)
        let started = Measure.now()
        try socket.send(SnapshotRequest(subtree: "").encode())
        var frame = Frame()
        let end = Array(CHPCommand.kthxbai.utf8)
        var startsMessage = true
        while Measure.now() - started < 120 {
            guard try socket.receive(into: &frame, mode: .blocking) else { continue }
            if startsMessage && frame.count == end.count && frame.bytes == end { break }
            startsMessage = !frame.hasMore
        }
        return Measure.now() - started
    }
}
