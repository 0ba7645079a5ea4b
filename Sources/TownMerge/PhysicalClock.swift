#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The physical clock a hybrid logical clock reads: milliseconds since the Unix epoch.
public protocol PhysicalClock: Sendable {
    func nowMilliseconds() -> UInt64
}

/// The machine's real-time clock (`CLOCK_REALTIME`).
public struct SystemClock: PhysicalClock {
    public init() {}

    public func nowMilliseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        guard spec.tv_sec >= 0 else { return 0 }
        return UInt64(spec.tv_sec) * 1000 + UInt64(spec.tv_nsec) / 1_000_000
    }
}
