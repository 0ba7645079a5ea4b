import Foundation
import GRDB
import Testing
import TownMerge
import TownStore

@Suite struct StoreTests {
    static func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("townstore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("townd.sqlite").path
    }

    /// Makes every commit that inserts a seen uuid of key `/fail` into `seen_uuid` fail (a trigger).
    static func refuseSeenUUIDsOfFail(at path: String) throws {
        try DatabaseQueue(path: path).write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER refuse BEFORE INSERT ON seen_uuid WHEN NEW.key = '/fail'
                    BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
                    """)
        }
    }

    static func value(_ key: String, _ body: String, sequence: UInt64, wall: UInt64 = 1000) -> StoredValue {
        StoredValue(
            key: key,
            version: Version(stamp: Stamp(wallMilliseconds: wall, counter: 1, origin: "village:luli"), body: Array(body.utf8), uuid: Array(repeating: UInt8(sequence), count: 16)),
            sequence: sequence, ttlSeconds: sequence == 2 ? 30 : nil, expiresAtMilliseconds: sequence == 2 ? 31_000 : nil)
    }

    @Test func committedBatchesSurviveReopening() throws {
        let path = try Self.temporaryPath()
        do {
            let store = try Store(path: path)
            var batch = StoreBatch(lastSequence: 2, clock: LogicalTime(wallMilliseconds: 1000, counter: 5))
            batch.values = [Self.value("/a", "1", sequence: 1), Self.value("/b", "2", sequence: 2)]
            batch.history = [HistoryEntry(atMilliseconds: 1, key: "/a", status: "applied", stamp: batch.values[0].version.stamp, principal: "village:luli", uuid: batch.values[0].version.uuid, body: Array("1".utf8), sequence: 1, channel: "submit")]
            batch.seen = [SeenWrite(uuid: batch.values[0].version.uuid, key: "/a", fingerprint: UInt64.max)]
            try store.commit(batch)
            var second = StoreBatch(lastSequence: 3, clock: LogicalTime(wallMilliseconds: 1001, counter: 0))
            second.values = [Self.value("/a", "", sequence: 3, wall: 2000)]
            second.history = [HistoryEntry(atMilliseconds: 2, key: "/a", status: "rejected", reason: "locked", detail: "year locked", stamp: nil, principal: "admin", uuid: [], body: [], sequence: 1, channel: "submit")]
            try store.commit(second)
        }
        let reopened = try Store(path: path)
        let state = try reopened.load()
        #expect(state.lastSequence == 3)
        #expect(state.clock == LogicalTime(wallMilliseconds: 1001, counter: 0))
        #expect(state.values["/a"]?.isTombstone == true)
        #expect(state.values["/a"]?.sequence == 3)
        #expect(state.values["/b"] == Self.value("/b", "2", sequence: 2))
        let history = try reopened.history(forKey: "/a")
        #expect(history.map(\.status) == ["applied", "rejected"])
        #expect(history[1].reason == "locked" && history[1].stamp == nil)
        #expect(try reopened.seenWrites([Array(repeating: 1, count: 16), Array(repeating: 9, count: 16)]).count == 1)
        #expect(try reopened.seenWrites([Array(repeating: 1, count: 16)]).first?.value.fingerprint == UInt64.max)
        #expect(try reopened.historyCounts() == ["applied": 1, "rejected": 1])
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func aCorruptFileIsAClearErrorNotACrash() throws {
        let path = try Self.temporaryPath()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Store(path: path) }
        #expect(error?.description.contains("opening the database") == true)
        #expect(error?.code == 26)  // SQLITE_NOTADB
    }

    @Test func anUnwritableDirectoryIsAClearError() throws {
        let error = #expect(throws: StoreError.self) { try Store(path: "/proc/townd-cannot-write-here/townd.sqlite") }
        #expect(error?.description.contains("/proc/townd-cannot-write-here") == true)
    }
}

/// The level asked for is the level the committing connection has: GRDB's pool sets NORMAL on its
/// writer after the connection's own set-up, which left townd acknowledging writes whose WAL frames
/// were never synced (found with `perf trace`: no fdatasync from the commit thread).
@Suite struct StoreSynchronousTests {
    @Test(arguments: [(SynchronousMode.full, 2), (.normal, 1), (.off, 0)])
    func theWriterHasTheLevelAskedFor(mode: SynchronousMode, level: Int) throws {
        let store = try Store(path: try StoreTests.temporaryPath(), synchronous: mode, backgroundCheckpoints: true)
        #expect(try store.writerSynchronousLevel() == level)
        store.stopBackgroundCheckpoints()
    }
}
