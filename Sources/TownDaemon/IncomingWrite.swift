import TownMerge
import TownWire

/// A write as it reaches the engine, from any channel.
public struct IncomingWrite: Sendable {
    public enum Channel: String, Sendable, CaseIterable {
        /// The submit socket: stamped by the writer, answered.
        case submit
        /// The CHP collector: stamped on receipt, not answered.
        case collector
        /// A ttl that expired: a tombstone written by the daemon.
        case ttl
        /// A value the daemon derives (indicators).
        case derived
    }

    public var key: String
    public var uuid: [UInt8]
    /// The writer's stamp; nil to stamp on receipt with the daemon's clock.
    public var stamp: Stamp?
    public var ttlSeconds: UInt32?
    public var body: [UInt8]
    public var principal: Principal
    public var channel: Channel
    /// The peer's address, when known (for the event log).
    public var peer: String?
    /// Set when the write is refused before it reaches the engine's checks: a submit that could not
    /// be decoded (`malformed`), or whose declared origin is not its authenticated principal.
    public var refusal: Rejection?
    /// The ROUTER envelope to answer on (submits only).
    public var replyTo: ArraySlice<[UInt8]>?

    public init(
        key: String, uuid: [UInt8] = [], stamp: Stamp? = nil, ttlSeconds: UInt32? = nil, body: [UInt8],
        principal: Principal, channel: Channel, peer: String? = nil, refusal: Rejection? = nil,
        replyTo: ArraySlice<[UInt8]>? = nil
    ) {
        self.key = key
        self.uuid = uuid
        self.stamp = stamp
        self.ttlSeconds = ttlSeconds
        self.body = body
        self.principal = principal
        self.channel = channel
        self.peer = peer
        self.refusal = refusal
        self.replyTo = replyTo
    }

    /// A 64-bit FNV-1a digest of what makes two sends "the same write": key, stamp (submits),
    /// ttl and body. Used to tell a harmless resend from a reused uuid.
    public var fingerprint: UInt64 {
        // Stored with every uuid seen: the bytes fed must stay exactly these (key, then
        // "<stamp text>@<origin>", then the ttl's decimal text, then the body, each field closed).
        var hash = FNV1a()
        hash.add(key)
        hash.endField()
        if let stamp {
            // The stamp's text, `<wall_ms>.<counter>`.
            hash.addDecimal(stamp.wallMilliseconds)
            hash.add(UInt8(ascii: "."))
            hash.addDecimal(UInt64(stamp.counter))
            hash.add(UInt8(ascii: "@"))
            hash.add(stamp.origin)
        }
        hash.endField()
        if let ttlSeconds { hash.addDecimal(UInt64(ttlSeconds)) }
        hash.endField()
        body.withUnsafeBufferPointer { hash.add($0) }
        hash.endField()
        return hash.value
    }
}
