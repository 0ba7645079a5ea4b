import Foundation
import Testing
import TownCollections
import TownMerge

@testable import TownStore

/// The socket loop's lookup asks the store's uuid filter before the database: uuids the filter
/// rules out are never looked up, and no uuid the store has seen is ever ruled out: neither those
/// in the table when the filter was read, nor those committed while or after it was.
@Suite struct SeenFilterTests {
    static func uuid(_ n: Int) -> [UInt8] {
        withUnsafeBytes(of: (UInt64(n).bigEndian, UInt64(7))) { Array($0) }
    }

    static func commit(_ store: Store, _ range: Range<Int>) throws {
        var batch = StoreBatch(lastSequence: UInt64(range.upperBound), clock: LogicalTime(wallMilliseconds: 1))
        batch.seen = range.map { SeenWrite(uuid: uuid($0), key: "/k/\($0 % 10)", fingerprint: UInt64($0)) }
        try store.commit(batch)
    }

    /// A table read on a thread of its own (as townd does for a large one), with commits before,
    /// during and after.
    @Test func uuidsSeenBeforeDuringAndAfterTheBuildAreFound() throws {
        let store = try Store(path: try StoreTests.temporaryPath())
        try Self.commit(store, 0..<20_000)
        #expect(store.uuidFilterFailure == nil && store.isUUIDFilterPending)
        let lookup = try store.makeSeenLookup(filterInlineLimit: 0)
        try Self.commit(store, 20_000..<20_100)
        var waited = 0
        while store.seenFilter.phase != .ready && waited < 500 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 1
        }
        #expect(store.seenFilter.phase == .ready)
        #expect(store.uuidFilterFailure == nil && !store.isUUIDFilterPending)
        try Self.commit(store, 20_100..<20_200)
        let seen = [0, 19_999, 20_000, 20_099, 20_100, 20_199].map(Self.uuid)
        #expect(try Set(lookup.seenWrites(seen).keys) == Set(seen))
        // Fresh uuids: the filter rules out nearly all of them.
        let before = lookup.databaseLookups
        let fresh = (30_000..<31_000).map(Self.uuid)
        #expect(try lookup.seenWrites(fresh).isEmpty)
        #expect(lookup.databaseLookups - before < 30)
        // Those committed while the table was read may be counted twice (in the table's snapshot
        // and kept aside): harmless.
        #expect((20_200...20_300).contains(store.seenFilter.size.uuids))
    }

    /// The hand-over itself: a uuid committed after building began but before the filter is
    /// ready is kept aside and put in.
    @Test func aUUIDCommittedWhileBuildingIsKept() {
        let filter = SeenFilter()
        #expect(filter.perhapsSeen([Self.uuid(1)]) == [Self.uuid(1)])
        #expect(filter.beginBuilding())
        #expect(!filter.beginBuilding())
        var batch = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
        batch.seen = [SeenWrite(uuid: Self.uuid(1), key: "/a", fingerprint: 1)]
        filter.committed([batch])
        // Until it is ready, every uuid is "perhaps".
        #expect(filter.perhapsSeen([Self.uuid(2)]) == [Self.uuid(2)])
        filter.finish(.success(UUIDFilter(capacity: 10, seed: 3)))
        #expect(filter.phase == .ready)
        #expect(filter.perhapsSeen([Self.uuid(1), Self.uuid(2)]) == [Self.uuid(1)])
    }

    /// A filter that could not be read leaves every uuid to the database.
    @Test func aFailedBuildLooksEverythingUp() {
        let filter = SeenFilter()
        #expect(filter.beginBuilding())
        filter.finish(.failure(StoreError(operation: "reading", message: "disk I/O error")))
        #expect(filter.phase != .ready && filter.phase != .building)
        #expect(filter.failure?.contains("disk I/O error") == true && !filter.isPending)
        #expect(filter.perhapsSeen([Self.uuid(5)]) == [Self.uuid(5)])
        // Commits after it are harmless.
        var batch = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
        batch.seen = [SeenWrite(uuid: Self.uuid(6), key: "/a", fingerprint: 1)]
        filter.committed([batch])
        #expect(filter.perhapsSeen([Self.uuid(6)]) == [Self.uuid(6)])
    }
}
