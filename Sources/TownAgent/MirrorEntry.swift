import TownMerge

/// A value the town holds, as this agent last saw it.
public struct MirrorEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public var stamp: Stamp?
    public var sequence: UInt64
}
