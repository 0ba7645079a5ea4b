import TownMerge

/// One figure typed at the village office, waiting to be delivered (or failed).
public struct OutboxEntry: Sendable, Equatable {
    public enum State: String, Sendable {
        /// Not yet answered by the town.
        case pending
        /// Rejected by the town; kept, shown with the reason, not retried.
        case failed
    }

    public var id: Int64
    public var uuid: [UInt8]
    public var key: String
    public var value: String
    public var stamp: Stamp
    public var ttlSeconds: UInt32?
    public var state: State
    public var reason: String?
    public var detail: String?
    /// Whether it was restamped once after `clock-ahead`.
    public var restamped: Bool
    /// When it was typed (agent physical ms).
    public var enteredAtMilliseconds: UInt64
}
