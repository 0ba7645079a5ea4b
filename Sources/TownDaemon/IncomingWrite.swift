import TownMerge
import TownWire

/// A write as it reaches the engine, from any channel.
public struct IncomingWrite: Sendable {
    public enum Channel: String, Sendable {
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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        func add(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        // A number's decimal text (no leading zeros), fed digit by digit: no string is built.
        func addDecimal(_ value: UInt64) {
            KVMessage.withDecimalDigits(of: value) { add($0) }
        }
        func endField() { add(0xFF) }
        // Stored with every uuid seen: the bytes fed must stay exactly these (key, then
        // "<stamp text>@<origin>", then the ttl's decimal text, then the body, each field closed).
        add(key.utf8)
        endField()
        if let stamp {
            // The stamp's text, `<wall_ms>.<counter>`.
            addDecimal(stamp.wallMilliseconds)
            add(UInt8(ascii: "."))
            addDecimal(UInt64(stamp.counter))
            add(UInt8(ascii: "@"))
            add(stamp.origin.utf8)
        }
        endField()
        if let ttlSeconds { addDecimal(UInt64(ttlSeconds)) }
        endField()
        add(body)
        endField()
        return hash
    }
}
