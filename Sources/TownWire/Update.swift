/// What the publisher socket sends: a `KVPUB` for every change, `HUGZ` when idle.
public enum Update: Equatable, Sendable {
    /// A change, in strictly increasing sequence order; an empty body deletes the key.
    case kvpub(KVMessage)
    /// A heartbeat carrying the daemon's current sequence, so a subscriber can spot a gap.
    case hugz(sequence: UInt64)

    public func encode() -> [[UInt8]] {
        switch self {
        case .kvpub(let message): return message.encode()
        case .hugz(let sequence): return KVMessage(key: CHPCommand.hugz, sequence: sequence).encode()
        }
    }

    public static func decode(_ frames: [[UInt8]], limits: WireLimits = .default) throws(WireError) -> Update {
        let message = try KVMessage.decode(frames, limits: limits, commandKeys: CHPCommand.hugzOnly)
        return message.key == CHPCommand.hugz ? .hugz(sequence: message.sequence) : .kvpub(message)
    }

    /// The sequence the update carries.
    public var sequence: UInt64 {
        switch self {
        case .kvpub(let message): return message.sequence
        case .hugz(let sequence): return sequence
        }
    }
}
