import TownMerge

/// What the town said about an entry that left the outbox.
public struct DeliveredEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public var stamp: Stamp
    /// `applied`, `duplicate` or `superseded`.
    public var status: String
    /// For `superseded`: the value the town holds instead.
    public var townValue: String?
    public var detail: String?
    public var deliveredAtMilliseconds: UInt64
}
