/// What the snapshot socket sends back for an `ICANHAZ?`: `KVSYNC`s, then one `KTHXBAI`.
public enum SnapshotReply: Equatable, Sendable {
    /// One key-value pair of the subtree, with its `stamp`, `origin` (and `ttl`) properties.
    case kvsync(KVMessage)
    /// The end of the snapshot: the sequence it reflects and the subtree asked for.
    case kthxbai(sequence: UInt64, subtree: String)

    public func encode() -> [[UInt8]] {
        switch self {
        case .kvsync(let message): return message.encode()
        case .kthxbai(let sequence, let subtree):
            return KVMessage(key: CHPCommand.kthxbai, sequence: sequence, body: Array(subtree.utf8)).encode()
        }
    }

    public static func decode(_ frames: [[UInt8]], limits: WireLimits = .default) throws(WireError) -> SnapshotReply {
        let message = try KVMessage.decode(frames, limits: limits, commandKeys: CHPCommand.kthxbaiOnly)
        guard message.key == CHPCommand.kthxbai else { return .kvsync(message) }
        return .kthxbai(sequence: message.sequence, subtree: try Subtree.validate(message.body))
    }
}
