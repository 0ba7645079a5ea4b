import Foundation
import Testing
import TownClient
import TownMerge
import TownStore
import TownTesting
import TownWire
import ZeroMQ

/// End-to-end tests of the real `townd` executable.
@Suite(.serialized) struct ProcessTests {
    static func freeBasePort() -> Int { PortAllocator.basePort() }

    /// Waits until the daemon answers a snapshot of an empty subtree (bounded; a whole-tree
    /// snapshot of a big store would outlast each try).
    static func waitUntilServing(_ context: ZMQContext, port: Int, seconds: Double = 10) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let client = try? SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)"),
                (try? client.fetch(subtree: "/ready-probe/", timeoutMilliseconds: 300)) != nil
            {
                return true
            }
        }
        return false
    }

    @Test func readyAndStoppingAreNotifiedAndSIGTERMExitsCleanly() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let socketPath = directory + "/notify.sock"
        let listener = try DatagramListener(path: socketPath)
        let port = Self.freeBasePort()
        let townd = try TowndProcess(
            arguments: ["--data-dir", directory + "/state", "--base-port", String(port)],
            environment: ["NOTIFY_SOCKET": socketPath], stderrPath: directory + "/stderr")
        let ready = listener.receive(seconds: 10)
        #expect(ready?.hasPrefix("READY=1") == true, "stderr: \(townd.stderr)")
        let context = try ZMQContext()
        #expect(Self.waitUntilServing(context, port: port))
        townd.signal(SIGTERM)
        #expect(listener.receive(seconds: 5) == "STOPPING=1")
        #expect(townd.waitForExit(seconds: 5) == 0)
        let log = try String(contentsOfFile: directory + "/state/events.jsonl", encoding: .utf8)
        #expect(log.contains("\"kind\":\"daemon.stopping\""))
    }

    @Test func theWatchdogIsPingedWhenSystemdAsks() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let listener = try DatagramListener(path: directory + "/notify.sock")
        let townd = try TowndProcess(
            arguments: ["--data-dir", directory, "--base-port", String(Self.freeBasePort())],
            environment: ["NOTIFY_SOCKET": directory + "/notify.sock", "WATCHDOG_USEC": "200000"],
            stderrPath: directory + "/stderr")
        var messages: [String] = []
        for _ in 0..<20 {
            guard let message = listener.receive(seconds: 2) else { break }
            messages.append(message)
            if messages.filter({ $0 == "WATCHDOG=1" }).count >= 3 { break }
        }
        #expect(messages.filter { $0 == "WATCHDOG=1" }.count >= 3, "\(messages) \(townd.stderr)")
        townd.signal(SIGINT)
        #expect(townd.waitForExit(seconds: 5) == 0)
    }

    @Test func badSettingsAreClearErrorsAtStart() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        try "base_port = \"many\"\n".write(toFile: directory + "/bad.toml", atomically: true, encoding: .utf8)
        let badConfig = try TowndProcess(
            arguments: ["--config", directory + "/bad.toml", "--data-dir", directory], stderrPath: directory + "/e1")
        #expect(badConfig.waitForExit(seconds: 10).map { $0 != 0 } == true)
        #expect(badConfig.stderr.contains("base_port must be an integer"))

        let exposed = try TowndProcess(arguments: ["--bind", "0.0.0.0", "--data-dir", directory], stderrPath: directory + "/e2")
        #expect(exposed.waitForExit(seconds: 10).map { $0 != 0 } == true)
        #expect(exposed.stderr.contains("without CURVE keys is refused"))
    }

    @Test func aCorruptDatabaseRefusesToStart() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: directory + "/townd.sqlite"))
        let townd = try TowndProcess(
            arguments: ["--data-dir", directory, "--base-port", String(Self.freeBasePort())], stderrPath: directory + "/e")
        #expect(townd.waitForExit(seconds: 10).map { $0 != 0 } == true)
        #expect(townd.stderr.contains("storage"), "\(townd.stderr)")
    }

    @Test func killNineDuringSubmitsLosesNoAcknowledgedWrite() throws {
        let directory = TestDaemon.makeTemporaryDirectory()
        let port = Self.freeBasePort()
        let context = try ZMQContext()
        var acknowledged: [String: SubmitRequest] = [:]
        var sequences: [[UInt64]] = []
        var clock = HybridLogicalClock(origin: "admin")
        for round in 0..<3 {
            let townd = try TowndProcess(
                arguments: ["--data-dir", directory, "--base-port", String(port), "--no-model"], stderrPath: directory + "/e\(round)")
            sequences.append([])
            try #require(Self.waitUntilServing(context, port: port), "stderr: \(townd.stderr)")
            let client = try SubmitClient(context: context, endpoint: "tcp://127.0.0.1:\(port + 3)")
            let killAt = Date().addingTimeInterval(Double.random(in: 0.2...0.6))
            var killed = false
            var index = 0
            while !killed {
                let batch = try (0..<50).map { _ -> SubmitRequest in
                    index += 1
                    return SubmitRequest(key: "/town/2023/r\(round)_\(index)", uuid: Writer.uuid(), stamp: try clock.now(), body: Array("v\(index)".utf8))
                }
                if Date() >= killAt {
                    // Send, then kill while the batch is in flight.
                    for request in batch { try client.sendRaw(request.encode()) }
                    townd.signal(SIGKILL)
                    killed = true
                    while let frames = try client.receiveRaw(timeoutMilliseconds: 200) {
                        if let reply = try? SubmitReply.decode(frames), reply.status == .applied,
                            let request = batch.first(where: { $0.uuid == reply.uuid })
                        {
                            acknowledged[request.key] = request
                            sequences[round].append(reply.sequence)
                        }
                    }
                } else {
                    for (uuid, reply) in try client.submit(batch, timeoutMilliseconds: 5000) where reply.status == .applied {
                        let request = batch.first { $0.uuid == uuid }!
                        acknowledged[request.key] = request
                        sequences[round].append(reply.sequence)
                    }
                }
            }
            _ = townd.waitForExit(seconds: 5)
        }
        let townd = try TowndProcess(arguments: ["--data-dir", directory, "--base-port", String(port), "--no-model"], stderrPath: directory + "/final")
        try #require(Self.waitUntilServing(context, port: port))
        let snapshot: Snapshot
        do {
            snapshot = try SnapshotClient(context: context, endpoint: "tcp://127.0.0.1:\(port)").fetch(timeoutMilliseconds: 5000)
        } catch {
            Issue.record("final snapshot failed: \(error); townd stderr: \(townd.stderr); running: \(townd.process.isRunning)")
            throw error
        }
        #expect(acknowledged.count > 100)
        for (key, request) in acknowledged {
            let value = snapshot.values[key]
            #expect(value?.body == request.body, "\(key) lost")
            #expect(try value?.stamp() == request.stamp)
        }
        // Sequences are never reused: unique overall, and each restart continues above the last round.
        let all = sequences.flatMap { $0 }
        #expect(Set(all).count == all.count)
        for round in 1..<sequences.count {
            #expect((sequences[round].min() ?? .max) > (sequences[round - 1].max() ?? 0))
        }
        #expect(snapshot.sequence >= all.max() ?? 0)
        townd.signal(SIGTERM)
        #expect(townd.waitForExit(seconds: 5) == 0)
        #expect(try Store(path: directory + "/townd.sqlite").integrityCheck() == ["ok"])
    }
}

/// A unix datagram socket standing in for systemd's notify socket.
final class DatagramListener {
    let fd: Int32

    init(path: String) throws {
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    func receive(seconds: Double) -> String? {
        var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard Glibc.poll(&poll, 1, Int32(seconds * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    deinit { close(fd) }
}
