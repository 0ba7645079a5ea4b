import Testing
import TownMerge

@testable import TownStore

/// The socket loop's own uuid lookup answers as the pool's does, and sees every batch committed
/// after it was opened.
@Suite struct SeenLookupTests {
    static func uuid(_ n: UInt8) -> [UInt8] { [UInt8](repeating: n, count: 16) }

    @Test func itSeesWhatIsCommittedAndNothingElse() throws {
        let store = try Store(path: try StoreTests.temporaryPath())
        let lookup = try store.makeSeenLookup()
        #expect(try lookup.seenWrites([Self.uuid(1)]).isEmpty)
        #expect(try lookup.seenWrites([]).isEmpty)
        var batch = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
        batch.seen = [SeenWrite(uuid: Self.uuid(1), key: "/a", fingerprint: 7), SeenWrite(uuid: Self.uuid(2), key: "/b", fingerprint: .max)]
        try store.commit(batch)
        let asked = [Self.uuid(1), Self.uuid(2), Self.uuid(3), Self.uuid(1)]
        let found = try lookup.seenWrites(asked)
        #expect(found == (try store.seenWrites(asked)))
        #expect(found.count == 2)
        #expect(found[Self.uuid(2)] == SeenWrite(uuid: Self.uuid(2), key: "/b", fingerprint: .max))
        var later = StoreBatch(lastSequence: 2, clock: LogicalTime(wallMilliseconds: 2))
        later.seen = [SeenWrite(uuid: Self.uuid(3), key: "/c", fingerprint: 1)]
        try store.commit(later)
        #expect(try lookup.seenWrites(asked).count == 3)
    }
}
