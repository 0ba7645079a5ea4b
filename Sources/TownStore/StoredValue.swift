import TownMerge

/// A key's current value as the store keeps it (tombstones included).
public struct StoredValue: Sendable, Equatable {
    public var key: String
    public var version: Version
    // The ttl and expiry are stored as flags and plain integers, laid out in the version's tail
    // padding: as optionals they took 16 bytes more per key (a million keys are held in memory).
    private var hasTTL: Bool
    private var hasExpiry: Bool
    private var ttlRaw: UInt32
    /// The daemon sequence of the change that set this value.
    public var sequence: UInt64
    private var expiresRaw: UInt64

    public init(
        key: String, version: Version, sequence: UInt64, ttlSeconds: UInt32? = nil,
        expiresAtMilliseconds: UInt64? = nil
    ) {
        self.key = key
        self.version = version
        self.hasTTL = ttlSeconds != nil
        self.hasExpiry = expiresAtMilliseconds != nil
        self.ttlRaw = ttlSeconds ?? 0
        self.sequence = sequence
        self.expiresRaw = expiresAtMilliseconds ?? 0
    }

    /// The `ttl` the write carried, in seconds.
    public var ttlSeconds: UInt32? {
        get { hasTTL ? ttlRaw : nil }
        set {
            hasTTL = newValue != nil
            ttlRaw = newValue ?? 0
        }
    }

    /// When the value expires (daemon physical clock, ms since epoch); nil without a ttl.
    public var expiresAtMilliseconds: UInt64? {
        get { hasExpiry ? expiresRaw : nil }
        set {
            hasExpiry = newValue != nil
            expiresRaw = newValue ?? 0
        }
    }

    public var isTombstone: Bool { version.isTombstone }
}
