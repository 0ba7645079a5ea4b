import TownMerge

/// Everything one group commit writes, in one transaction.
public struct StoreBatch: Sendable {
    public var values: [StoredValue] = []
    public var history: [HistoryEntry] = []
    public var seen: [SeenWrite] = []
    /// The daemon's last sequence after this batch.
    public var lastSequence: UInt64
    /// The daemon's clock after this batch, so it never restarts behind itself.
    public var clock: LogicalTime

    public init(lastSequence: UInt64, clock: LogicalTime) {
        self.lastSequence = lastSequence
        self.clock = clock
    }

    public var isEmpty: Bool { values.isEmpty && history.isEmpty && seen.isEmpty }
}
