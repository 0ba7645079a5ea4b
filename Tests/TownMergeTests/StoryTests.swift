import Testing
import TownMerge
import TownTesting

/// The stories the product exists for, written out step by step.
@Suite struct StoryTests {
    static let monday: UInt64 = 1_700_438_400_000  // 2023-11-20 00:00 UTC
    static let day: UInt64 = 86_400_000
    static let key = "/village/luli/2023/collective_income"

    @Test func anOfflineMondayEditArrivingWednesdayLosesToTuesdaysCorrection() throws {
        let villageTime = ManualClock(milliseconds: Self.monday + 9 * 3_600_000)
        let townTime = ManualClock(milliseconds: Self.monday + Self.day + 10 * 3_600_000)
        var village = HybridLogicalClock(origin: "village:luli", physicalClock: villageTime)
        var town = HybridLogicalClock(origin: "admin", physicalClock: townTime)
        var daemon = LWWMap()

        // Monday: the accountant enters 2,150,000 while the link is down; it waits in the outbox.
        let mondayEdit = Version(stamp: try village.now(), body: Array("2150000".utf8), uuid: [UInt8](repeating: 1, count: 16))
        // Tuesday: the town clerk corrects the figure directly.
        let tuesdayFix = Version(stamp: try town.now(), body: Array("2100000".utf8), uuid: [UInt8](repeating: 2, count: 16))
        #expect(daemon.merge(tuesdayFix, forKey: Self.key) == .applied(previous: nil))
        // Wednesday: the link is back and Monday's edit is delivered.
        #expect(daemon.merge(mondayEdit, forKey: Self.key) == .superseded(winner: tuesdayFix))
        #expect(daemon.value(forKey: Self.key) == Array("2100000".utf8))
    }

    @Test func aVillagePCWhoseClockIsADayFastIsRefused() throws {
        let daemonTime = ManualClock(milliseconds: Self.monday)
        var daemon = HybridLogicalClock(origin: "townd", physicalClock: daemonTime)
        let fastPC = ManualClock(milliseconds: Self.monday + Self.day)
        var village = HybridLogicalClock(origin: "village:luli", physicalClock: fastPC)
        let stamp = try village.now()
        let before = daemon.current
        #expect(throws: ClockError.self) { try daemon.receive(stamp) }
        #expect(daemon.current == before)
    }

    @Test func aDeleteThenALateSetDoesNotResurrect() throws {
        var map = LWWMap()
        let set = Version(stamp: Stamp(wallMilliseconds: 100, counter: 0, origin: "village:luli"), body: Array("5".utf8))
        let delete = Version(stamp: Stamp(wallMilliseconds: 200, counter: 0, origin: "admin"), body: [])
        map.merge(delete, forKey: Self.key)
        #expect(map.merge(set, forKey: Self.key) == .superseded(winner: delete))
        #expect(map.value(forKey: Self.key) == nil)
        #expect(map[Self.key]?.isTombstone == true)
        #expect(map.liveEntries.isEmpty)
    }

    @Test func aResendAfterALostReplyIsADuplicate() {
        var map = LWWMap()
        let write = Version(stamp: Stamp(wallMilliseconds: 100, counter: 0, origin: "village:luli"), body: Array("5".utf8), uuid: [UInt8](repeating: 9, count: 16))
        #expect(map.merge(write, forKey: Self.key) == .applied(previous: nil))
        #expect(map.merge(write, forKey: Self.key) == .duplicate)
    }
}
