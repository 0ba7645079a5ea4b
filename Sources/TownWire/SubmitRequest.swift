import TownMerge

/// A stamped write to the submit socket (our extension): a `KVSET` with sequence 0, a required
/// 16-byte uuid (the idempotency key), and `stamp`, `origin` and optional `ttl` properties.
public struct SubmitRequest: Equatable, Sendable {
    public var key: String
    public var uuid: [UInt8]
    public var stamp: Stamp
    public var ttlSeconds: UInt32?
    /// The value's UTF-8 bytes; empty deletes the key.
    public var body: [UInt8]

    public init(key: String, uuid: [UInt8], stamp: Stamp, ttlSeconds: UInt32? = nil, body: [UInt8]) {
        self.key = key
        self.uuid = uuid
        self.stamp = stamp
        self.ttlSeconds = ttlSeconds
        self.body = body
    }

    public func message() -> KVMessage {
        var message = KVMessage(key: key, sequence: 0, uuid: uuid, body: body)
        message.setStamp(stamp)
        if let ttlSeconds { message.properties[PropertyName.ttl] = String(ttlSeconds) }
        return message
    }

    public func encode() -> [[UInt8]] { message().encode() }

    public static func decode(_ frames: [[UInt8]], limits: WireLimits = .default) throws(WireError) -> SubmitRequest {
        try decode(frames[...], limits: limits)
    }

    /// ``decode(_:limits:)`` of the frames after a ROUTER's envelope, without copying them out.
    public static func decode(_ frames: ArraySlice<[UInt8]>, limits: WireLimits = .default) throws(WireError) -> SubmitRequest {
        try SubmitRequest(KVMessage.decode(frames, limits: limits))
    }

    /// Checks a decoded kvmsg against the submit rules. Properties other than `stamp`, `origin`
    /// and `ttl` are ignored (room for later extensions).
    public init(_ message: KVMessage) throws(WireError) {
        guard message.sequence == 0 else { throw .nonZeroSequence(message.sequence) }
        guard message.uuid.count == 16 else { throw .missingUUID }
        guard let stamp = try message.stamp() else { throw .missingProperty(PropertyName.stamp) }
        self.init(key: message.key, uuid: message.uuid, stamp: stamp, ttlSeconds: try message.ttlSeconds(), body: message.body)
    }
}
