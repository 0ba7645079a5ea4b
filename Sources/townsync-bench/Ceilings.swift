import Foundation
import Histogram
import Synchronization
import TownMerge
import TownStore
import ZeroMQ

/// What the machine can do without townd, measured with the project's own ZeroMQ module and the
/// same SQLite settings.
enum Ceilings {
    /// DEALER/ROUTER echo with submit-shaped frames and the same pipelining.
    static func transport(_ settings: BenchSettings, workload: Workload, port: Int) throws -> PipelinedLoad.Outcome {
        let context = try ZMQContext()
        let echo = try EchoServer(context: context, port: port)
        defer { echo.stop() }
        let connections = settings.connections
        return try PipelinedLoad(
            context: context, endpoint: echo.endpoint, connections: connections, window: settings.window,
            seconds: settings.seconds,
            requests: LoadRequests(workload: workload, connections: connections) { UInt64($0) },
            replies: .echo, client: settings.loadClient
        ).run()
    }

    /// Batched upserts of the rows townd writes per acknowledged write (the value, a history row
    /// holding the uuid's seen record, both written out later as townd's are), batch size C×W,
    /// synchronous=FULL, no sockets: writes per second, and the process's CPU time per write
    /// (building the batches included; nothing else runs in the bench meanwhile).
    static func storage(_ settings: BenchSettings, workload: Workload, directory: String) throws
        -> (perSecond: Double, cpuMicrosecondsPerWrite: Double)
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let store = try Store(path: directory + "/ceiling.sqlite", synchronous: .full)
        let batchSize = settings.connections * settings.window
        var written = 0
        var n = 0
        let cpuBefore = Measure.cpuSeconds(pid: getpid())
        let start = Measure.now()
        while Measure.now() - start < settings.seconds {
            var batch = StoreBatch(lastSequence: UInt64(n + batchSize), clock: LogicalTime(wallMilliseconds: UInt64(n)))
            for _ in 0..<batchSize {
                n += 1
                let (key, village) = workload.key(n % workload.keyCount)
                // Time-ordered, as the load's (and the agents' version 7) uuids are.
                let uuid = withUnsafeBytes(of: UInt64(n).bigEndian) { Array($0) } + [UInt8](repeating: 7, count: 8)
                let stamp = Stamp(wallMilliseconds: 1_700_000_000_000 + UInt64(n), counter: 0, origin: "village:\(village)")
                let body = Array(String(n).utf8)
                batch.values.append(StoredValue(key: key, version: Version(stamp: stamp, body: body, uuid: uuid), sequence: UInt64(n)))
                batch.history.append(
                    HistoryEntry(
                        atMilliseconds: UInt64(n), key: key, status: "applied", stamp: stamp, principal: "village:\(village)",
                        uuid: uuid, body: body, sequence: UInt64(n), channel: "submit", seenFingerprint: UInt64(n)))
            }
            try store.commit(batch)
            written += batchSize
        }
        let seconds = Measure.now() - start
        let cpu = Measure.cpuSeconds(pid: getpid()) - cpuBefore
        return (Double(written) / seconds, written > 0 ? cpu / Double(written) * 1_000_000 : 0)
    }

    /// A PUB sending KVPUB-shaped messages to N SUBs as fast as it can; delivered messages/s in all.
    static func publish(subscribers: Int, seconds: Double, port: Int) throws -> Double {
        let context = try ZMQContext()
        let publisher = try context.socket(.pub)
        try publisher.setSendHighWaterMark(100_000)
        try publisher.bind("tcp://127.0.0.1:\(port)")
        let received = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let done = DispatchGroup()
        let joined = DispatchSemaphore(value: 0)
        for _ in 0..<subscribers {
            done.enter()
            Thread {
                defer { done.leave() }
                guard let sub = try? context.socket(.sub) else { return }
                try? sub.setReceiveHighWaterMark(100_000)
                try? sub.subscribe()
                try? sub.connect("tcp://127.0.0.1:\(port)")
                var signalled = false
                var count = 0
                while !stop.load(ordering: .relaxed) {
                    guard let message = try? sub.receive(timeoutMilliseconds: 100) else { continue }
                    if !signalled { joined.signal(); signalled = true }
                    if message.frames.first != Array("JOIN".utf8) { count += 1 }
                }
                received.add(count, ordering: .relaxed)
            }.start()
        }
        // Wait until every subscriber hears us.
        var heard = 0
        let joinDeadline = Measure.now() + 10
        while heard < subscribers && Measure.now() < joinDeadline {
            _ = try publisher.send([Array("JOIN".utf8)], mode: .dontWait)
            if joined.wait(timeout: .now() + .milliseconds(10)) == .success { heard += 1 }
        }
        let frames: [[UInt8]] = [Array("/village/v000001/2023/collective_income".utf8), [0, 0, 0, 0, 0, 0, 0, 1],
                                 [UInt8](repeating: 1, count: 16), Array("stamp=1700000000000.0\norigin=village:v000001\n".utf8), Array("1234567".utf8)]
        let start = Measure.now()
        while Measure.now() - start < seconds {
            for _ in 0..<100 { _ = try publisher.send(frames, mode: .dontWait) }
        }
        let elapsed = Measure.now() - start
        Thread.sleep(forTimeInterval: 0.5)
        stop.store(true, ordering: .relaxed)
        done.wait()
        return Double(received.load(ordering: .relaxed)) / elapsed
    }
}
