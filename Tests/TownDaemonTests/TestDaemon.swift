import Foundation
import Logging
import TownClient
import TownDaemon
import TownMerge
import TownStore
import TownTesting
import TownWire
import ZeroMQ

/// A daemon started in-process on a free loopback base port in a temporary directory.
final class TestDaemon {
    let directory: String
    var daemon: Daemon?
    let configuration: DaemonConfiguration
    let context: ZMQContext

    init(directory: String? = nil, configure: (inout DaemonConfiguration) -> Void = { _ in }) throws {
        let directory = directory ?? Self.makeTemporaryDirectory()
        self.directory = directory
        context = try ZMQContext()
        var lastError: (any Error)?
        for _ in 0..<20 {
            var configuration = DaemonConfiguration()
            configuration.dataDirectory = directory
            configuration.basePort = PortAllocator.basePort()
            configuration.modelEnabled = false  // protocol tests use free-form keys; model tests turn it on
            configure(&configuration)
            do {
                daemon = try Daemon(configuration: configuration, logger: Logger(label: "test-townd"))
                self.configuration = configuration
                return
            } catch DaemonError.socket(let text) {
                lastError = DaemonError.socket(text)  // port in use: try another
            }
        }
        throw lastError!
    }

    static func makeTemporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("townd-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func endpoint(_ offset: Int) -> String { "tcp://127.0.0.1:\(configuration.basePort + offset)" }

    func submitClient() throws -> SubmitClient { try SubmitClient(context: context, endpoint: endpoint(3)) }
    func snapshotClient() throws -> SnapshotClient { try SnapshotClient(context: context, endpoint: endpoint(0)) }
    func subscriber(_ prefixes: [String] = []) throws -> UpdateSubscriber {
        try UpdateSubscriber(context: context, endpoint: endpoint(1), prefixes: prefixes)
    }

    func stop() {
        daemon?.stop()
        daemon = nil
    }

    /// Restarts on the same directory and port.
    func restart() throws {
        stop()
        daemon = try Daemon(configuration: configuration, logger: Logger(label: "test-townd"))
    }

    func openStore() throws -> Store { try Store(path: configuration.databasePath) }

    /// The event log's records as JSON objects.
    func events() throws -> [[String: Any]] {
        daemon?.eventLog.flush()
        let text = try String(contentsOfFile: configuration.resolvedEventsLogPath, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// Builds stamped submits for tests.
struct Writer {
    var origin: String
    var clock: HybridLogicalClock

    init(origin: String, physical: any PhysicalClock = SystemClock()) {
        self.origin = origin
        clock = HybridLogicalClock(origin: origin, physicalClock: physical)
    }

    mutating func request(_ key: String, _ value: String, ttl: UInt32? = nil) throws -> SubmitRequest {
        SubmitRequest(key: key, uuid: Self.uuid(), stamp: try clock.now(), ttlSeconds: ttl, body: Array(value.utf8))
    }

    static func uuid() -> [UInt8] {
        let id = UUID().uuid
        return [id.0, id.1, id.2, id.3, id.4, id.5, id.6, id.7, id.8, id.9, id.10, id.11, id.12, id.13, id.14, id.15]
    }
}
