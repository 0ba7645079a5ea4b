import TownStore

/// A batch the engine has decided and applied in memory, waiting for its commit: what to send
/// once it is durable, and what to put back if it is not.
struct PendingBatch {
    let id: UInt64
    let writes: [IncomingWrite]
    let output: EngineOutput
    /// Each changed key with the value it held before the batch (nil: absent), in change order.
    let replaced: [(key: String, value: StoredValue?)]
    let sequenceBefore: UInt64
    /// The uuids first seen in this batch.
    let seen: [WriteUUID]
}

/// A decided batch's rows, to be committed in order.
struct PreparedBatch: Sendable {
    /// Names the batch to the committer and back (increasing, never reused).
    let id: UInt64
    let batch: StoreBatch
}

/// What ``WriteEngine/prepare(_:)`` did with a batch.
enum Preparation {
    /// Nothing to commit: the outputs (for instance every write refused for a storage error) can go now.
    case answered(EngineOutput)
    /// Applied in memory; commit `batch`, then confirm or roll back.
    case pending(PreparedBatch)
}
