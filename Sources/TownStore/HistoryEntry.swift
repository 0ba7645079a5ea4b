import TownMerge

/// One line of the audit trail: what happened to one write, who sent it, when and why.
public struct HistoryEntry: Sendable, Equatable {
    /// Daemon physical time of the outcome, ms since epoch.
    public var atMilliseconds: UInt64
    public var key: String
    /// `applied`, `superseded`, `duplicate`, `rejected` or `expired`.
    public var status: String
    public var reason: String?
    public var detail: String?
    /// The write's stamp (nil when a rejected write had none readable).
    public var stamp: Stamp?
    /// Who sent it, as authenticated (or declared, without CURVE).
    public var principal: String
    public var uuid: [UInt8]
    public var body: [UInt8]
    /// The key's current sequence after the outcome.
    public var sequence: UInt64
    /// `submit`, `collector`, `ttl` or `derived`.
    public var channel: String
    /// The `ttl` the write carried, in seconds (an applied write's value expires `ttl` after `at`).
    public var ttlSeconds: UInt32?
    /// Set when the write was the first with its (16-byte) uuid: the fingerprint of its content,
    /// kept as the uuid's seen record (``SeenWrite``) by this row until it is written to a table
    /// of seen uuids (``DeferredSeen``).
    public var seenFingerprint: UInt64?

    public init(
        atMilliseconds: UInt64, key: String, status: String, reason: String? = nil, detail: String? = nil,
        stamp: Stamp?, principal: String, uuid: [UInt8], body: [UInt8], sequence: UInt64, channel: String,
        ttlSeconds: UInt32? = nil, seenFingerprint: UInt64? = nil
    ) {
        self.atMilliseconds = atMilliseconds
        self.key = key
        self.status = status
        self.reason = reason
        self.detail = detail
        self.stamp = stamp
        self.principal = principal
        self.uuid = uuid
        self.body = body
        self.sequence = sequence
        self.channel = channel
        self.ttlSeconds = ttlSeconds
        self.seenFingerprint = seenFingerprint
    }
}
