import Foundation
import Testing
import TownClient
import TownMerge
import TownTesting
import TownWire
import ZeroMQ

/// A subscriber that never reads must not make townd grow without bound: the publisher's
/// high-water mark (`--publisher-hwm`) drops what it cannot queue for that subscriber.
@Suite(.serialized) struct SlowSubscriberTests {
    static func residentBytes(_ pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        let line = text.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
    }

    @Test func aSubscriberThatNeverReadsCostsBoundedMemory() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let port = PortAllocator.basePort()
        let context = try ZMQContext()
        let townd = try TowndProcess(
            arguments: ["--data-dir", directory, "--base-port", String(port), "--no-model", "--synchronous", "off",
                        "--publisher-hwm", "2000"],
            stderrPath: directory + "/stderr")
        defer {
            townd.signal(SIGTERM)
            _ = townd.waitForExit(seconds: 5)
        }
        try #require(ProcessTests.waitUntilServing(context, port: port))
        let sleeper = try context.socket(.sub)
        try sleeper.setReceiveHighWaterMark(10)
        try sleeper.subscribe()
        try sleeper.connect("tcp://127.0.0.1:\(port + 1)")
        Thread.sleep(forTimeInterval: 0.3)
        let client = try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(port + 3)")
        var clock = HybridLogicalClock(origin: "admin")
        let value = [UInt8](repeating: 0x41, count: 1000)
        func push(_ count: Int) throws {
            for chunk in stride(from: 0, to: count, by: 500) {
                let batch = try (chunk..<min(count, chunk + 500)).map {
                    SubmitRequest(key: "/slow/\($0 % 1000)", uuid: (0..<16).map { _ in .random(in: 0...255) }, stamp: try clock.now(), body: value)
                }
                #expect(try client.submit(batch, timeoutMilliseconds: 30_000).count == batch.count)
            }
        }
        try push(5_000)  // warm up: allocator and caches settle
        let before = Self.residentBytes(townd.pid)
        try push(40_000)  // 40 MB of updates the sleeper never reads
        let after = Self.residentBytes(townd.pid)
        let started = Date()
        let snapshot = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)").fetch(subtree: "/slow/", timeoutMilliseconds: 5000)
        #expect(snapshot.values.count == 1000)
        #expect(Date().timeIntervalSince(started) < 5)
        // The queue for the sleeper is bounded by the HWM (2,000 messages, about 2 MB here), so
        // townd grows by far less than the 40 MB of unread updates.
        let growth = after - before
        print("SlowSubscriberTests: townd RSS \(before / 1_048_576) MB -> \(after / 1_048_576) MB after 40,000 unread 1 KB updates")
        #expect(growth < 20 * 1_048_576, "grew by \(growth / 1_048_576) MB")
        _ = sleeper
    }
}
