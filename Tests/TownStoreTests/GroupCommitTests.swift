import Foundation
import Testing
import TownMerge
import TownTesting

@testable import TownStore

/// Batches committed together in one transaction (as townd's commit thread does with the batches
/// queued while the previous commit ran) leave the store exactly as committing them one by one:
/// values, each key's history chain, seen uuids, sequence and clock.
@Suite struct GroupCommitTests {
    /// Forty batches over six keys: values, outcomes with and without values, repeated keys.
    static func batches(seed: UInt64) -> [StoreBatch] {
        var generator = SeededGenerator(seed: seed)
        var at: UInt64 = 0
        return (0..<40).map { round in
            var batch = StoreBatch(
                lastSequence: UInt64(round + 1), clock: LogicalTime(wallMilliseconds: 1000 + UInt64(round), counter: 1))
            for _ in 0..<Int(generator.next() % 6) {
                at += 1
                let key = "/k/\(generator.next() % 6)"
                let stamp = Stamp(wallMilliseconds: at, counter: 0, origin: "t")
                let uuid = withUnsafeBytes(of: at.bigEndian) { Array($0) + Array($0) }
                if generator.next() % 2 == 0 {
                    batch.values.append(
                        StoredValue(key: key, version: Version(stamp: stamp, body: Array("\(at)".utf8), uuid: uuid), sequence: at))
                }
                batch.history.append(
                    HistoryEntry(
                        atMilliseconds: at, key: key, status: generator.next() % 3 == 0 ? "rejected" : "applied",
                        stamp: stamp, principal: "admin", uuid: uuid, body: Array("\(at)".utf8), sequence: at,
                        channel: "submit"))
                batch.seen.append(SeenWrite(uuid: uuid, key: key, fingerprint: at))
            }
            return batch
        }
    }

    /// Everything a store holds that a commit writes.
    static func contents(_ store: Store, uuids: [[UInt8]]) throws -> String {
        let state = try store.load()
        var lines = ["sequence \(state.lastSequence) clock \(state.clock)"]
        for key in state.values.keys.sorted() { lines.append("\(key) = \(state.values[key]!)") }
        for key in (0..<6).map({ "/k/\($0)" }) {
            lines.append("\(key) history \(try store.history(forKey: key).map(\.atMilliseconds))")
        }
        let seen = try store.seenWrites(uuids)
        for uuid in uuids { lines.append("\(uuid) seen \(String(describing: seen[uuid]))") }
        return lines.joined(separator: "\n")
    }

    @Test(arguments: [1, 2, 3])
    func batchesCommittedTogetherEqualBatchesCommittedOneByOne(seed: UInt64) throws {
        let batches = Self.batches(seed: seed)
        let uuids = batches.flatMap { $0.seen.map(\.uuid) }
        let single = try Store(path: try StoreTests.temporaryPath())
        for batch in batches { try single.commit(batch) }
        let grouped = try Store(path: try StoreTests.temporaryPath())
        var generator = SeededGenerator(seed: seed &+ 100)
        var start = 0
        while start < batches.count {
            let end = min(batches.count, start + 1 + Int(generator.next() % 5))
            try grouped.commit(Array(batches[start..<end]))
            start = end
        }
        #expect(try Self.contents(grouped, uuids: uuids) == Self.contents(single, uuids: uuids))
        #expect(try grouped.integrityCheck() == ["ok"])
    }
}
