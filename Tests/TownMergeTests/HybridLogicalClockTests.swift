import Testing
import TownMerge
import TownTesting

@Suite struct HybridLogicalClockTests {
    @Test func localEventsFollowPhysicalTimeAndCountWithinAMillisecond() throws {
        let physical = ManualClock(milliseconds: 1000)
        var clock = HybridLogicalClock(origin: "a", physicalClock: physical)
        #expect(try clock.now().time == LogicalTime(wallMilliseconds: 1000, counter: 0))
        #expect(try clock.now().time == LogicalTime(wallMilliseconds: 1000, counter: 1))
        physical.set(1005)
        #expect(try clock.now().time == LogicalTime(wallMilliseconds: 1005, counter: 0))
        physical.set(900)  // the physical clock jumps back
        #expect(try clock.now().time == LogicalTime(wallMilliseconds: 1005, counter: 1))
    }

    @Test func receiveFollowsThePaperCases() throws {
        let physical = ManualClock(milliseconds: 1000)
        var clock = HybridLogicalClock(
            origin: "a", physicalClock: physical, restoring: LogicalTime(wallMilliseconds: 1000, counter: 4))
        // l == l' == l_m: max(c, c_m) + 1
        #expect(try clock.receive(LogicalTime(wallMilliseconds: 1000, counter: 7)) == .init(wallMilliseconds: 1000, counter: 8))
        // l == l_m > l': c_m + 1
        #expect(try clock.receive(LogicalTime(wallMilliseconds: 1010, counter: 2)) == .init(wallMilliseconds: 1010, counter: 3))
        // l == l' > l_m: c + 1
        #expect(try clock.receive(LogicalTime(wallMilliseconds: 990, counter: 50)) == .init(wallMilliseconds: 1010, counter: 4))
        // physical time passed both: c = 0
        physical.set(2000)
        #expect(try clock.receive(LogicalTime(wallMilliseconds: 1500, counter: 9)) == .init(wallMilliseconds: 2000, counter: 0))
        #expect(try clock.now().time > LogicalTime(wallMilliseconds: 2000, counter: 0))
    }

    @Test func aRemoteTimePastTheOffsetIsRefusedAndChangesNothing() throws {
        let physical = ManualClock(milliseconds: 1_000_000)
        var clock = HybridLogicalClock(origin: "townd", physicalClock: physical, maximumOffsetMilliseconds: 300_000)
        _ = try clock.now()
        let before = clock.current
        #expect(throws: ClockError.self) { try clock.receive(LogicalTime(wallMilliseconds: 1_300_001, counter: 0)) }
        #expect(throws: ClockError.self) { try clock.check(LogicalTime(wallMilliseconds: 1_300_001, counter: 0)) }
        #expect(clock.current == before)
        // Exactly at the limit is accepted.
        #expect(try clock.receive(LogicalTime(wallMilliseconds: 1_300_000, counter: 0)).wallMilliseconds == 1_300_000)
    }

    @Test func theCounterCannotOverflowSilently() throws {
        let physical = ManualClock(milliseconds: 10)
        var clock = HybridLogicalClock(
            origin: "a", physicalClock: physical, restoring: LogicalTime(wallMilliseconds: 10, counter: UInt32.max))
        let before = clock.current
        #expect(throws: ClockError.counterOverflow(at: before)) { try clock.now() }
        #expect(throws: ClockError.self) { try clock.receive(LogicalTime(wallMilliseconds: 10, counter: 1)) }
        #expect(clock.current == before)
        var fresh = HybridLogicalClock(origin: "b", physicalClock: physical)
        #expect(throws: ClockError.self) { try fresh.receive(LogicalTime(wallMilliseconds: 10, counter: UInt32.max)) }
        physical.set(11)
        #expect(try clock.now().time == LogicalTime(wallMilliseconds: 11, counter: 0))
    }

    /// Property: whatever the physical clock does (forwards, backwards, standing still) and
    /// whatever remote times arrive, the clock's times strictly increase, exceed every accepted
    /// remote time, and a refused time leaves the clock unchanged.
    @Test(arguments: 0..<20)
    func timesNeverGoBackwards(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let physical = ManualClock(milliseconds: 1_000_000)
        var clock = HybridLogicalClock(origin: "a", physicalClock: physical, maximumOffsetMilliseconds: 300_000)
        var last = LogicalTime.zero
        for _ in 0..<500 {
            switch Int.random(in: 0..<4, using: &random) {
            case 0: physical.advance(by: Int64.random(in: -5_000...5_000, using: &random))
            case 1:
                let time = try clock.now().time
                #expect(time > last, "seed \(seed)")
                last = time
            default:
                let remote = LogicalTime(
                    wallMilliseconds: physical.nowMilliseconds() &+ UInt64.random(in: 0...400_000, using: &random)
                        &- 50_000,
                    counter: UInt32.random(in: 0...3, using: &random))
                let before = clock.current
                do {
                    let time = try clock.receive(remote)
                    #expect(time > last && time > remote, "seed \(seed)")
                    last = time
                } catch {
                    #expect(clock.current == before, "seed \(seed)")
                    #expect(remote.wallMilliseconds > physical.nowMilliseconds() + 300_000, "seed \(seed)")
                }
            }
        }
    }
}
