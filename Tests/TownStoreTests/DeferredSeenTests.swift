import Foundation
import Testing
import TownTesting

@testable import TownStore

/// The waiting seen uuids: generations in row order, closed as sorted runs or flushed oldest first.
@Suite struct DeferredSeenTests {
    static func uuid(_ n: UInt8) -> WriteUUID { WriteUUID([UInt8](repeating: n, count: 16))! }

    @Test func aRunIsSortedAndTakenInOrderThenGoesOnceWritten() {
        var seen = DeferredSeen(newestRun: 4)
        for (n, row) in [(9, 10), (3, 11), (7, 12)] as [(UInt8, Int64)] { seen.record(Self.uuid(n), row: row) }
        seen.record(Self.uuid(3), row: 20)  // already waiting: keeps its row
        #expect(seen.count == 3)
        #expect(seen.row(of: Self.uuid(3)) == 11)
        let early = seen.startRunIfDue(size: 4)
        #expect(!early)
        let started = seen.startRunIfDue(size: 3)
        #expect(started)
        #expect(seen.closing?.target == .run(5))
        #expect(seen.newestRun == 5)
        seen.record(Self.uuid(1), row: 13)
        let again = seen.startRunIfDue(size: 1)
        #expect(!again)  // one is closing already
        let first = seen.take(2)
        #expect(first.map(\.uuid) == [Self.uuid(3), Self.uuid(7)])
        #expect(first.map(\.row) == [11, 12])
        // Until the run is all written its oldest row still waits.
        #expect(seen.oldestRowAfterTaken == 10)
        seen.finishTaken()
        #expect(seen.row(of: Self.uuid(3)) == 11)  // still found until the whole run is written
        let rest = seen.take(5)
        #expect(rest.map(\.uuid) == [Self.uuid(9)])
        #expect(seen.oldestRowAfterTaken == 13)
        seen.finishTaken()
        #expect(seen.closing == nil)
        #expect(seen.row(of: Self.uuid(3)) == nil)
        #expect(seen.count == 1)
        #expect(seen.row(of: Self.uuid(1)) == 13)
    }

    @Test func aFlushTakesTheOldestFirst() {
        var seen = DeferredSeen()
        let none = seen.startTableFlush()
        #expect(!none)
        for (n, row) in [(9, 10), (3, 11), (7, 12)] as [(UInt8, Int64)] { seen.record(Self.uuid(n), row: row) }
        let flushing = seen.startTableFlush()
        #expect(flushing)
        #expect(seen.closing?.target == .table)
        let taken = seen.take(10)
        #expect(taken.map(\.row) == [10, 11, 12])
        #expect(seen.oldestRowAfterTaken == nil)
        seen.finishTaken()
        #expect(seen.isEmpty)
    }
}
