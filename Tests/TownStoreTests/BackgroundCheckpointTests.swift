import Foundation
import Testing
import TownMerge
import TownStore

/// With background checkpoints the WAL is copied into the database by the store's own thread
/// (SQLite alone waits for 1,000 pages): after a few hundred kilobytes of commits the database
/// file holds them within a bounded wait; without, it does not; and the data reads back the same.
@Suite struct BackgroundCheckpointTests {
    static func fill(_ store: Store) throws {
        for round in 0..<20 {
            var batch = StoreBatch(lastSequence: UInt64(round + 1) * 100, clock: LogicalTime(wallMilliseconds: 1))
            for n in 0..<100 {
                let key = "/k/\(round)/\(n)"
                batch.values.append(
                    StoredValue(
                        key: key,
                        version: Version(
                            stamp: Stamp(wallMilliseconds: 1, counter: 0, origin: "t"),
                            body: [UInt8](repeating: UInt8(ascii: "x"), count: 200)),
                        sequence: UInt64(round * 100 + n + 1)))
            }
            try store.commit(batch)
        }
    }

    static func databaseBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func walIsCopiedIntoTheDatabaseByTheStoresThread() throws {
        let quiet = try StoreTests.temporaryPath()
        let busy = try StoreTests.temporaryPath()
        let withoutThread = try Store(path: quiet)
        let withThread = try Store(path: busy, backgroundCheckpoints: true)
        try Self.fill(withoutThread)
        try Self.fill(withThread)
        // 2,000 values of 200 bytes: about 100 pages, far below SQLite's own 1,000-page checkpoint.
        var waited = 0
        while Self.databaseBytes(busy) < 400_000 && waited < 50 {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }
        #expect(Self.databaseBytes(busy) >= 400_000)
        #expect(Self.databaseBytes(quiet) < 400_000)
        withThread.stopBackgroundCheckpoints()
        #expect(try withThread.load().values.count == 2_000)
        #expect(try withThread.integrityCheck() == ["ok"])
    }
}

/// A long WAL starts over once the checkpoint thread has copied it: the writer finishes the cycle
/// (copies what was committed since and syncs), so its next commit writes from the WAL's start
/// (read from the WAL header's checkpoint sequence number, which SQLite increments at every
/// restart). Left alone, a commit after the announcement keeps the WAL growing.
@Suite struct WALCycleTests {
    static func checkpointSequence(_ path: String) -> UInt32? {
        guard let handle = FileHandle(forReadingAtPath: path + "-wal"),
            let header = try? handle.read(upToCount: 16), header.count == 16
        else { return nil }
        return header[12..<16].reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func commit(_ store: Store, round: Int) throws {
        var batch = StoreBatch(lastSequence: UInt64(round + 1) * 20, clock: LogicalTime(wallMilliseconds: 1))
        for n in 0..<20 {
            let sequence = UInt64(round * 20 + n + 1)
            batch.values.append(
                StoredValue(
                    key: "/k/\(round)/\(n)",
                    version: Version(
                        stamp: Stamp(wallMilliseconds: sequence, counter: 0, origin: "t"),
                        body: [UInt8](repeating: UInt8(ascii: "x"), count: 300)),
                    sequence: sequence))
        }
        try store.commit(batch)
    }

    @Test func theWriterFinishesTheCycleTheCheckpointThreadAnnounces() throws {
        let path = try StoreTests.temporaryPath()
        let store = try Store(path: path, backgroundCheckpoints: true, walCycleFrames: 32)
        var round = 0
        // About 40 pages of commits, then wait (bounded) for the thread to copy them and announce.
        while round < 20 {
            try Self.commit(store, round: round)
            round += 1
        }
        var waited = 0
        while !store.isWALCycleDue && waited < 100 {
            Thread.sleep(forTimeInterval: 0.02)
            waited += 1
        }
        #expect(store.isWALCycleDue)
        // A commit after the announcement: the WAL is no longer all copied (this commit may
        // itself start the WAL over, as the thread had copied everything before it).
        try Self.commit(store, round: round)
        let before = Self.checkpointSequence(path)
        store.finishWALCycleIfDue()
        #expect(!store.isWALCycleDue)
        try Self.commit(store, round: round + 1)
        let after = Self.checkpointSequence(path)
        #expect(before != nil && after != nil && after != before, "checkpoint sequence \(String(describing: before)) -> \(String(describing: after))")
        store.stopBackgroundCheckpoints()
        #expect(try store.load().values.count == (round + 2) * 20)
        #expect(try store.integrityCheck() == ["ok"])
    }
}

/// A checkpoint that copies only part of the WAL (a reader still needs the rest, or frames arrived
/// during the copy) leaves the pages it wrote to the database unsynced as far as SQLite goes; the
/// checkpoint thread syncs the database itself, so the sync that finishes a WAL cycle has little
/// left to write. Two
/// readers pin the WAL: while the older one reads, nothing new can be copied; once it is done, the
/// thread copies up to the younger reader's point (a partial copy) and syncs.
@Suite struct PartialCheckpointSyncTests {
    /// Holds a read transaction open on a thread of its own until `release()`.
    final class PinnedReader: Sendable {
        private let reading = DispatchSemaphore(value: 0)
        private let released = DispatchSemaphore(value: 0)
        private let done = DispatchSemaphore(value: 0)

        init(_ store: Store) {
            let thread = Thread { [self] in
                var first = true
                _ = try? store.load { _ in
                    guard first else { return }
                    first = false
                    reading.signal()
                    released.wait()
                }
                done.signal()
            }
            thread.start()
            reading.wait()
        }

        func release() {
            released.signal()
            done.wait()
        }
    }

    @Test func theThreadSyncsTheDatabaseAfterAPartialCopy() throws {
        let path = try StoreTests.temporaryPath()
        let store = try Store(path: path, backgroundCheckpoints: true)
        try WALCycleTests.commit(store, round: 0)
        let older = PinnedReader(store)
        try WALCycleTests.commit(store, round: 1)
        let younger = PinnedReader(store)
        try WALCycleTests.commit(store, round: 2)
        // Let the thread run a few checkpoints against the older reader (nothing new to copy past it).
        Thread.sleep(forTimeInterval: 0.3)
        let before = store.backgroundDatabaseSyncs
        older.release()
        var waited = 0
        while store.backgroundDatabaseSyncs == before && waited < 100 {
            Thread.sleep(forTimeInterval: 0.02)
            waited += 1
        }
        #expect(store.backgroundDatabaseSyncs > before)
        younger.release()
        store.stopBackgroundCheckpoints()
        #expect(try store.load().values.count == 60)
        #expect(try store.integrityCheck() == ["ok"])
    }
}
