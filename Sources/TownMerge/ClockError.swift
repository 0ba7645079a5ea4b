/// Why a hybrid logical clock refused to produce or accept a time.
public enum ClockError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A remote time is further ahead of this machine's physical clock than allowed.
    case remoteAhead(remote: LogicalTime, physicalMilliseconds: UInt64, maximumOffsetMilliseconds: UInt64)
    /// The counter would pass `UInt32.max` within one millisecond; nothing was changed.
    case counterOverflow(at: LogicalTime)

    public var description: String {
        switch self {
        case .remoteAhead(let remote, let physical, let maximum):
            let ahead = remote.wallMilliseconds &- physical
            return "stamp \(remote) is \(ahead) ms ahead of this clock (at most \(maximum) ms allowed)"
        case .counterOverflow(let time):
            return "clock counter exhausted at \(time): no more events fit in that millisecond"
        }
    }
}
