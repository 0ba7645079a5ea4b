import TownConfig
import TownStore

extension DaemonConfiguration {
    /// The settings a `townd.toml` may hold (`snake_case`; `-` also accepted).
    public static let fileKeys: Set<String> = [
        "data_dir", "bind", "base_port", "events_log", "events_log_max_bytes", "events_log_keep", "keys_dir",
        "insecure", "synchronous", "collector", "max_clock_offset_ms", "max_body_bytes", "batch_limit", "catalog",
        "villages", "model", "publisher_hwm",
    ]

    /// Applies the settings of a config file on top of these.
    public mutating func apply(_ file: ConfigFile) throws(ConfigFileError) {
        if let value = try file.string("data_dir") { dataDirectory = value }
        if let value = try file.string("bind") { bindAddress = value }
        if let value = try file.integer("base_port") { basePort = Int(value) }
        if let value = try file.string("events_log") { eventsLogPath = value }
        if let value = try file.integer("events_log_max_bytes") { eventsLogMaximumBytes = Int(value) }
        if let value = try file.integer("events_log_keep") { eventsLogKeep = Int(value) }
        if let value = try file.string("keys_dir") { keysDirectory = value }
        if let value = try file.boolean("insecure") { insecure = value }
        if let value = try file.string("synchronous") {
            guard let mode = SynchronousMode(rawValue: value.lowercased()) else {
                throw ConfigFileError(path: file.path, line: 0, message: "synchronous must be full, normal or off")
            }
            synchronous = mode
        }
        if let value = try file.boolean("collector") { collectorEnabled = value }
        if let value = try file.integer("max_clock_offset_ms") { maximumClockOffsetMilliseconds = UInt64(max(0, value)) }
        if let value = try file.integer("max_body_bytes") { maximumBodyBytes = Int(value) }
        if let value = try file.integer("batch_limit") { batchLimit = Int(value) }
        if let value = try file.string("catalog") { catalogPath = value }
        if let value = try file.string("villages") { villagesPath = value }
        if let value = try file.boolean("model") { modelEnabled = value }
        if let value = try file.integer("publisher_hwm") { publisherHighWaterMark = Int(value) }
    }
}
