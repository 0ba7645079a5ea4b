import TownMerge

/// A key's current value as the store keeps it (tombstones included). The daemon holds its
/// values packed in a `ValueTable`; a `StoredValue` is built for each one read out.
public struct StoredValue: Sendable, Equatable {
    public var key: String
    public var version: Version
    /// The daemon sequence of the change that set this value.
    public var sequence: UInt64
    /// The `ttl` the write carried, in seconds.
    public var ttlSeconds: UInt32?
    /// When the value expires (daemon physical clock, ms since epoch); nil without a ttl.
    public var expiresAtMilliseconds: UInt64?

    public init(
        key: String, version: Version, sequence: UInt64, ttlSeconds: UInt32? = nil,
        expiresAtMilliseconds: UInt64? = nil
    ) {
        self.key = key
        self.version = version
        self.sequence = sequence
        self.ttlSeconds = ttlSeconds
        self.expiresAtMilliseconds = expiresAtMilliseconds
    }

    public var isTombstone: Bool { version.isTombstone }
}
