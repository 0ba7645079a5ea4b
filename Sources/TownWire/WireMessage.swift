/// Any TownSync message, decoded for the channel it arrived on.
public enum WireMessage: Equatable, Sendable {
    case snapshotRequest(SnapshotRequest)
    case snapshotReply(SnapshotReply)
    case update(Update)
    case collectorSet(KVMessage)
    case submitRequest(SubmitRequest)
    case submitReply(SubmitReply)
    case event(EventMessage)

    /// Decodes `frames` as a message of `channel`, or throws the first rule it breaks.
    public static func decode(
        _ frames: [[UInt8]], channel: WireChannel, limits: WireLimits = .default
    ) throws(WireError) -> WireMessage {
        switch channel {
        case .snapshotRequest: return .snapshotRequest(try SnapshotRequest.decode(frames))
        case .snapshotReply: return .snapshotReply(try SnapshotReply.decode(frames, limits: limits))
        case .update: return .update(try Update.decode(frames, limits: limits))
        case .collector: return .collectorSet(try KVMessage.decode(frames, limits: limits))
        case .submitRequest: return .submitRequest(try SubmitRequest.decode(frames, limits: limits))
        case .submitReply: return .submitReply(try SubmitReply.decode(frames, limits: limits))
        case .event: return .event(try EventMessage.decode(frames))
        }
    }

    /// The frames of this message.
    public func encode() -> [[UInt8]] {
        switch self {
        case .snapshotRequest(let message): return message.encode()
        case .snapshotReply(let message): return message.encode()
        case .update(let message): return message.encode()
        case .collectorSet(let message): return message.encode()
        case .submitRequest(let message): return message.encode()
        case .submitReply(let message): return message.encode()
        case .event(let message): return message.encode()
        }
    }
}
