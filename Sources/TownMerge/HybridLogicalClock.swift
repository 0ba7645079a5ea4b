/// A hybrid logical clock (Kulkarni, Demirbas et al., "Logical Physical Clocks", 2014).
///
/// Times never go backwards, even when the physical clock does; they stay close to physical time;
/// and a time received from a peer is always exceeded by the next local event. A remote time more
/// than ``maximumOffsetMilliseconds`` ahead of the physical clock is refused and leaves the clock
/// unchanged. A value type: its owner serialises access.
public struct HybridLogicalClock: Sendable {
    /// This writer's id, carried in every stamp it makes.
    public let origin: String
    /// How far ahead of the physical clock a remote time may be (default 300 s).
    public let maximumOffsetMilliseconds: UInt64
    /// The last time this clock produced or adopted.
    public private(set) var current: LogicalTime
    private let physical: any PhysicalClock

    public static let defaultMaximumOffsetMilliseconds: UInt64 = 300_000

    public init(
        origin: String, physicalClock: any PhysicalClock = SystemClock(),
        maximumOffsetMilliseconds: UInt64 = defaultMaximumOffsetMilliseconds, restoring saved: LogicalTime = .zero
    ) {
        self.origin = origin
        self.physical = physicalClock
        self.maximumOffsetMilliseconds = maximumOffsetMilliseconds
        self.current = saved
    }

    /// The time for a local or send event: `l = max(l, pt)`; the counter resets when `l` moved,
    /// otherwise increments.
    public mutating func now() throws(ClockError) -> Stamp {
        let pt = physical.nowMilliseconds()
        let next: LogicalTime
        if pt > current.wallMilliseconds {
            next = LogicalTime(wallMilliseconds: pt, counter: 0)
        } else {
            guard current.counter < UInt32.max else { throw .counterOverflow(at: current) }
            next = LogicalTime(wallMilliseconds: current.wallMilliseconds, counter: current.counter + 1)
        }
        current = next
        return Stamp(time: next, origin: origin)
    }

    /// Merges a received time (the paper's receive rule) and returns the new local time, which is
    /// greater than both the previous local time and `remote`.
    @discardableResult
    public mutating func receive(_ remote: LogicalTime) throws(ClockError) -> LogicalTime {
        let pt = physical.nowMilliseconds()
        try check(remote, physicalMilliseconds: pt)
        let wall = max(current.wallMilliseconds, remote.wallMilliseconds, pt)
        let counter: UInt32
        switch (wall == current.wallMilliseconds, wall == remote.wallMilliseconds) {
        case (true, true): counter = try Self.increment(max(current.counter, remote.counter), at: current)
        case (true, false): counter = try Self.increment(current.counter, at: current)
        case (false, true): counter = try Self.increment(remote.counter, at: remote)
        case (false, false): counter = 0
        }
        current = LogicalTime(wallMilliseconds: wall, counter: counter)
        return current
    }

    /// Merges a received stamp's time.
    @discardableResult
    public mutating func receive(_ remote: Stamp) throws(ClockError) -> LogicalTime {
        try receive(remote.time)
    }

    /// Checks a remote time against the offset limit without changing anything, so a caller can
    /// refuse a write before merging it.
    public func check(_ remote: LogicalTime) throws(ClockError) {
        try check(remote, physicalMilliseconds: physical.nowMilliseconds())
    }

    private func check(_ remote: LogicalTime, physicalMilliseconds pt: UInt64) throws(ClockError) {
        let (limit, overflow) = pt.addingReportingOverflow(maximumOffsetMilliseconds)
        if !overflow && remote.wallMilliseconds > limit {
            throw .remoteAhead(remote: remote, physicalMilliseconds: pt, maximumOffsetMilliseconds: maximumOffsetMilliseconds)
        }
    }

    private static func increment(_ counter: UInt32, at time: LogicalTime) throws(ClockError) -> UInt32 {
        guard counter < UInt32.max else { throw .counterOverflow(at: time) }
        return counter + 1
    }

    /// The physical clock's reading now, in milliseconds.
    public func physicalMilliseconds() -> UInt64 { physical.nowMilliseconds() }
}
