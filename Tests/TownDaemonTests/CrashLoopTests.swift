import Foundation
import Synchronization
import Testing
import TownClient
import TownMerge
import TownStore
import TownTesting
import TownWire
import ZeroMQ

/// 20 rounds of kill -9 on the real townd at random moments while three writers stream
/// pipelined submits: after every restart each acknowledged write is there with its value and
/// stamp, sequences are never reused, no write is applied twice, and the database is intact.
@Suite(.serialized) struct CrashLoopTests {
    @Test func twentyKillsLoseNothingAcknowledged() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let port = PortAllocator.basePort()
        let acknowledged = Mutex<[String: SubmitRequest]>([:])
        // Applied outcomes expected for each key (its first write, and each newer value sent).
        var appliedCount: [String: Int] = [:]
        let sequences = Mutex<[[UInt64]]>([])
        var random = SeededGenerator(seed: 2026)
        let context = try ZMQContext()
        var readBack = 0
        for round in 0..<20 {
            let townd = try TowndProcess(
                arguments: ["--data-dir", directory, "--base-port", String(port), "--no-model", "--log-level", "error"],
                stderrPath: directory + "/stderr-\(round)")
            try #require(ProcessTests.waitUntilServing(context, port: port), "round \(round): \(townd.stderr)")
            // Everything acknowledged so far is still there, value and stamp.
            let snapshot = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)").fetch(timeoutMilliseconds: 10_000)
            for (key, request) in acknowledged.withLock({ $0 }) {
                #expect(snapshot.values[key]?.body == request.body, "round \(round): \(key) lost")
                #expect(try snapshot.values[key]?.stamp() == request.stamp, "round \(round): \(key) stamp")
            }
            // An acknowledged write sent again after its key moved on is a duplicate (its seen
            // record, perhaps only in a history row the start read back), not superseded.
            let originals = Array(acknowledged.withLock { $0.values }.prefix(40))
            if !originals.isEmpty {
                let client = try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(port + 3)")
                var clock = HybridLogicalClock(origin: "admin")
                let newer = try originals.map { original in
                    SubmitRequest(
                        key: original.key, uuid: (0..<16).map { _ in .random(in: 0...255) }, stamp: try clock.now(),
                        body: Array("newer".utf8))
                }
                let applied = try client.submit(newer, timeoutMilliseconds: 10_000)
                for request in newer where applied[request.uuid]?.status == .applied {
                    acknowledged.withLock { $0[request.key] = request }
                    appliedCount[request.key, default: 1] += 1
                }
                #expect(applied.values.filter { $0.status == .applied }.count == newer.count, "round \(round)")
                let again = try client.submit(originals, timeoutMilliseconds: 10_000)
                for request in originals {
                    #expect(again[request.uuid]?.status == .duplicate, "round \(round): \(request.key) sent again")
                }
            }
            sequences.withLock { $0.append([]) }
            let stop = Atomic<Bool>(false)
            let writers = DispatchGroup()
            for writer in 0..<3 {
                writers.enter()
                Thread {
                    defer { writers.leave() }
                    guard let client = try? SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(port + 3)") else { return }
                    var clock = HybridLogicalClock(origin: "admin")
                    var index = 0
                    while !stop.load(ordering: .relaxed) {
                        let batch = (0..<30).compactMap { _ -> SubmitRequest? in
                            index += 1
                            guard let stamp = try? clock.now() else { return nil }
                            return SubmitRequest(
                                key: "/crash/r\(round)/w\(writer)/\(index)", uuid: (0..<16).map { _ in .random(in: 0...255) },
                                stamp: stamp, body: Array("v\(index)".utf8))
                        }
                        guard let replies = try? client.submit(batch, timeoutMilliseconds: 1500) else { return }
                        for request in batch {
                            guard let reply = replies[request.uuid], reply.status == .applied else { continue }
                            acknowledged.withLock { $0[request.key] = request }
                            sequences.withLock { $0[round].append(reply.sequence) }
                        }
                        if replies.count < batch.count { return }  // killed mid-batch
                    }
                }.start()
            }
            Thread.sleep(forTimeInterval: Double.random(in: 0.1...0.5, using: &random))
            townd.signal(SIGKILL)
            _ = townd.waitForExit(seconds: 5)
            stop.store(true, ordering: .relaxed)
            writers.wait()
            // What the next start reads back from the history (values `kv` had not caught up with).
            readBack += try Store(path: directory + "/townd.sqlite").historyRowsAheadOfValues()
        }
        #expect(readBack > 0, "no restart had values to read back from the history: the test misses that path")
        let townd = try TowndProcess(
            arguments: ["--data-dir", directory, "--base-port", String(port), "--no-model"], stderrPath: directory + "/final")
        try #require(ProcessTests.waitUntilServing(context, port: port))
        let snapshot = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)").fetch(timeoutMilliseconds: 10_000)
        let all = acknowledged.withLock { $0 }
        #expect(all.count > 500)
        for (key, request) in all { #expect(snapshot.values[key]?.body == request.body, "\(key) lost") }
        let rounds = sequences.withLock { $0 }
        let flat = rounds.flatMap { $0 }
        #expect(Set(flat).count == flat.count, "a sequence was reused")
        for round in 1..<rounds.count where !rounds[round].isEmpty && !rounds[round - 1].isEmpty {
            #expect(rounds[round].min()! > rounds[round - 1].max()!, "round \(round) reused sequences")
        }
        townd.signal(SIGTERM)
        #expect(townd.waitForExit(seconds: 5) == 0)
        let store = try Store(path: directory + "/townd.sqlite")
        #expect(try store.integrityCheck() == ["ok"])
        // A clean stop writes every waiting value and seen uuid out: the next start reads nothing back.
        #expect(try store.historyRowsAheadOfValues() == 0)
        #expect(try store.deferredSeenCount() == 0)
        // No uuid applied twice: one applied outcome per acknowledged write of each key.
        for key in all.keys.sorted().prefix(300) {
            let expected = appliedCount[key] ?? 1
            #expect(try store.history(forKey: key).filter { $0.status == "applied" }.count == expected, "\(key)")
        }
    }
}
