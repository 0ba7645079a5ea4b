import TownMerge
import TownStore

/// Every setting of `townd`, with DESIGN.md's defaults. Flags override the config file, which
/// overrides the defaults.
public struct DaemonConfiguration: Sendable, Equatable {
    /// Where the SQLite database lives (`townd.sqlite` inside).
    public var dataDirectory = DaemonConfiguration.defaultDataDirectory
    public var bindAddress = "127.0.0.1"
    /// P: snapshot on P, publisher P+1, collector P+2, submit P+3, events P+4.
    public var basePort = 5556
    /// The JSON Lines event log; nil means `<data-dir>/events.jsonl`.
    public var eventsLogPath: String?
    public var eventsLogMaximumBytes = 64 << 20
    public var eventsLogKeep = 8
    /// With a keys directory, CURVE is on for every socket.
    public var keysDirectory: String?
    /// Allows a non-loopback bind without CURVE.
    public var insecure = false
    public var synchronous: SynchronousMode = .full
    public var collectorEnabled = true
    public var maximumClockOffsetMilliseconds = HybridLogicalClock.defaultMaximumOffsetMilliseconds
    public var maximumBodyBytes = 64 * 1024
    /// The largest body limit accepted: values are held in memory (and their length in 32 bits).
    public static let largestBodyLimit = 64 * 1024 * 1024
    /// Messages queued per subscriber (updates and events) before townd drops for that subscriber.
    public var publisherHighWaterMark = 100_000
    /// Most writes in one group commit.
    public var batchLimit = 256
    public var heartbeatIntervalMilliseconds = 1000
    /// Apply the town indicator model (key schema, validation, derived indicators). Off only for
    /// protocol tests: townd is then a plain CHP key-value store with stamps.
    public var modelEnabled = true
    /// A catalog file replacing the built-in one (JSON, see docs/MODEL.md).
    public var catalogPath: String?
    /// The config file the settings came from (for the permission check).
    public var configurationFile: String?
    /// A villages registry file replacing the built-in 13 villages (JSON).
    public var villagesPath: String?

    public init() {}

    public var databasePath: String { dataDirectory + "/townd.sqlite" }
    /// The event log: as set; else `/var/log/townd/events.jsonl` on the default data directory,
    /// or `<data-dir>/events.jsonl` when a data directory was chosen (DESIGN.md).
    public var resolvedEventsLogPath: String {
        if let eventsLogPath { return eventsLogPath }
        return dataDirectory == Self.defaultDataDirectory ? "/var/log/townd/events.jsonl" : dataDirectory + "/events.jsonl"
    }

    public static let defaultDataDirectory = "/var/lib/townd"

    public func endpoint(_ offset: Int) -> String { "tcp://\(bindAddress):\(basePort + offset)" }

    /// Whether the bind address is loopback only.
    public var bindsLoopbackOnly: Bool {
        bindAddress == "localhost" || bindAddress.hasPrefix("127.") || bindAddress == "::1" || bindAddress == "[::1]"
    }

    /// Checks the settings together; throws a sentence an operator can act on.
    public func validate() throws(DaemonError) {
        guard (1...65_531).contains(basePort) else {
            throw .configuration("base port \(basePort) must leave room for five ports (1...65531)")
        }
        guard !dataDirectory.isEmpty else { throw .configuration("data directory is empty") }
        guard batchLimit >= 1 else { throw .configuration("batch limit must be at least 1") }
        guard publisherHighWaterMark >= 1 else { throw .configuration("publisher high-water mark must be at least 1") }
        guard (1...Self.largestBodyLimit).contains(maximumBodyBytes) else {
            throw .configuration("maximum body must be 1...\(Self.largestBodyLimit) bytes (64 MiB)")
        }
        guard heartbeatIntervalMilliseconds >= 10 && heartbeatIntervalMilliseconds <= 1000 else {
            throw .configuration("heartbeat interval must be 10...1000 ms (HUGZ at least once a second)")
        }
        guard eventsLogMaximumBytes >= 4096 else { throw .configuration("event log size must be at least 4096 bytes") }
        if !bindsLoopbackOnly && keysDirectory == nil && !insecure {
            throw .security(
                "binding \(bindAddress) without CURVE keys is refused: give --keys-dir, or --insecure to accept plaintext")
        }
    }
}
