/// The CHP key-value message: five frames `[key, sequence, uuid, properties, body]`.
///
/// Used for `KVSYNC`, `KVPUB`, `KVSET` and the submit extension. An empty body means delete.
public struct KVMessage: Equatable, Sendable {
    public var key: String
    /// 8 bytes big-endian on the wire.
    public var sequence: UInt64
    /// 16 bytes, or empty when the message carries none.
    public var uuid: [UInt8]
    public var properties: Properties
    public var body: [UInt8]

    /// Longest key accepted, in UTF-8 bytes.
    public static let maximumKeyBytes = 255

    public init(key: String, sequence: UInt64 = 0, uuid: [UInt8] = [], properties: Properties = [:], body: [UInt8] = [])
    {
        self.key = key
        self.sequence = sequence
        self.uuid = uuid
        self.properties = properties
        self.body = body
    }

    /// The five frames.
    public func encode() -> [[UInt8]] {
        [Array(key.utf8), SequenceNumber.encode(sequence), uuid, properties.encode(), body]
    }

    /// Decodes and validates five frames. With `commandKeys`, a key from that set (e.g. `KTHXBAI`)
    /// is accepted in place of a `/`-key.
    public static func decode(
        _ frames: [[UInt8]], limits: WireLimits = .default, commandKeys: Set<String> = []
    ) throws(WireError) -> KVMessage {
        try decode(frames[...], limits: limits, commandKeys: commandKeys)
    }

    /// ``decode(_:limits:commandKeys:)`` of the frames after an envelope, without copying them out.
    public static func decode(
        _ frames: ArraySlice<[UInt8]>, limits: WireLimits = .default, commandKeys: Set<String> = []
    ) throws(WireError) -> KVMessage {
        guard frames.count == 5 else { throw .wrongFrameCount(expected: 5, got: frames.count) }
        let first = frames.startIndex
        let key = try KeyValidator.validate(frames[first], commandKeys: commandKeys)
        let sequence = try SequenceNumber.decode(frames[first + 1])
        let uuid = frames[first + 2]
        guard uuid.isEmpty || uuid.count == 16 else { throw .uuidLength(uuid.count) }
        let properties = try Properties.decode(frames[first + 3])
        let body = frames[first + 4]
        guard body.count <= limits.maximumBodyBytes else {
            throw .bodyTooLarge(size: body.count, limit: limits.maximumBodyBytes)
        }
        return KVMessage(key: key, sequence: sequence, uuid: uuid, properties: properties, body: body)
    }

    /// True when the message deletes its key (empty body).
    public var isDelete: Bool { body.isEmpty }
}
