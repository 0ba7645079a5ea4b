import Foundation
import TownMerge

/// A physical clock that tests set by hand (thread-safe), e.g. to jump backwards.
public final class ManualClock: PhysicalClock, @unchecked Sendable {
    private let lock = NSLock()
    private var milliseconds: UInt64

    public init(milliseconds: UInt64) { self.milliseconds = milliseconds }

    public func nowMilliseconds() -> UInt64 { lock.withLock { milliseconds } }

    /// Sets the clock to an absolute time (backwards too).
    public func set(_ value: UInt64) { lock.withLock { milliseconds = value } }

    /// Moves the clock by `delta` milliseconds (negative: backwards, not below zero).
    public func advance(by delta: Int64) {
        lock.withLock {
            milliseconds = delta >= 0 ? milliseconds &+ UInt64(delta) : milliseconds - min(milliseconds, UInt64(-delta))
        }
    }
}
