import TownConfig

/// The agent's settings: flags override the config file, which overrides the defaults.
public struct AgentConfiguration: Sendable, Equatable {
    /// This office's village id (required).
    public var village: String = ""
    public var host = "127.0.0.1"
    public var basePort = 5556
    public var stateDirectory = "/var/lib/village-agent"
    /// CURVE: the town's public key file and this office's secret key file.
    public var serverPublicKeyPath: String?
    public var secretKeyPath: String?
    /// How long to wait for the town to answer one round, in ms.
    public var timeoutMilliseconds = 5000
    /// Presence key ttl in seconds (refreshed at a third of it).
    public var presenceTTLSeconds: UInt32 = 30
    /// Reconnect back-off: first wait and cap, in ms.
    public var backoffInitialMilliseconds = 500
    public var backoffMaximumMilliseconds = 30_000

    public init() {}

    public var origin: String { "village:\(village)" }
    public var databasePath: String { stateDirectory + "/agent.sqlite" }
    public func endpoint(_ offset: Int) -> String { "tcp://\(host):\(basePort + offset)" }

    public static let fileKeys: Set<String> = [
        "village", "host", "base_port", "state_dir", "server_public_key", "secret_key", "timeout_ms", "presence_ttl",
    ]

    public mutating func apply(_ file: ConfigFile) throws(ConfigFileError) {
        if let value = try file.string("village") { village = value }
        if let value = try file.string("host") { host = value }
        if let value = try file.integer("base_port") { basePort = Int(value) }
        if let value = try file.string("state_dir") { stateDirectory = value }
        if let value = try file.string("server_public_key") { serverPublicKeyPath = value }
        if let value = try file.string("secret_key") { secretKeyPath = value }
        if let value = try file.integer("timeout_ms") { timeoutMilliseconds = Int(value) }
        if let value = try file.integer("presence_ttl") { presenceTTLSeconds = UInt32(clamping: value) }
    }
}
