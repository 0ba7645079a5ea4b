import GRDBSQLite
import Testing
import TownMerge

@testable import TownStore

/// SQLite keeps no memory statistics in the process (so its allocations take no process-wide
/// mutex): the setting is made as the program loads, before any connection opens.
@Suite struct SQLiteProcessSettingsTests {
    @Test func sqliteCountsNoAllocations() throws {
        #expect(SQLiteProcessSettings.memoryStatisticsOff)
        var before: Int64 = -1
        var after: Int64 = -1
        var highest: Int64 = 0
        #expect(sqlite3_status64(SQLITE_STATUS_MALLOC_COUNT, &before, &highest, 0) == SQLITE_OK)
        // With the statistics on, an open store's connections and a commit leave allocations counted.
        let store = try Store(path: try StoreTests.temporaryPath())
        var batch = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
        batch.seen = [SeenWrite(uuid: [UInt8](repeating: 9, count: 16), key: "/a", fingerprint: 1)]
        try store.commit(batch)
        #expect(sqlite3_status64(SQLITE_STATUS_MALLOC_COUNT, &after, &highest, 0) == SQLITE_OK)
        #expect(before == 0)
        #expect(after == 0)
        withExtendedLifetime(store) {}
    }
}
