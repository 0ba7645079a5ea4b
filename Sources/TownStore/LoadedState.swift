import TownMerge

/// What the daemon reads at start: every current value, the last sequence and the saved clock.
public struct LoadedState: Sendable {
    public var values: [String: StoredValue]
    public var lastSequence: UInt64
    public var clock: LogicalTime
}
