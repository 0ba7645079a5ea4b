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

    /// Adds a later batch to this one, so both commit in one transaction (the later one's values
    /// are written after, so they win; its sequence and clock are the newer).
    public mutating func append(_ later: StoreBatch) {
        values += later.values
        history += later.history
        seen += later.seen
        lastSequence = later.lastSequence
        clock = later.clock
    }
}
