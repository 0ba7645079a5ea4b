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
