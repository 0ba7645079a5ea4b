import Foundation
import GRDB
import Testing
import TownMerge
import TownTesting

@testable import TownStore

/// Each key's history is a chain from its newest row (kept in the key's `kv` row, or in
/// `history_head` while the key has no value). Checked against a model: the outcomes of each key in
/// commit order, for keys that get a value before, after or never besides their history, several
/// outcomes of one key in a batch, and values written in a batch without an outcome of their key.
@Suite struct HistoryChainTests {
    static func entry(_ key: String, at: UInt64, status: String = "applied") -> HistoryEntry {
        HistoryEntry(
            atMilliseconds: at, key: key, status: status, stamp: Stamp(wallMilliseconds: at, counter: 0, origin: "t"),
            principal: "admin", uuid: withUnsafeBytes(of: at.bigEndian) { Array($0) + Array($0) }, body: Array("\(at)".utf8),
            sequence: at, channel: "submit")
    }

    @Test(arguments: [1, 2, 3, 4])
    func theChainOfEveryKeyMatchesTheOrderOfItsOutcomes(seed: UInt64) throws {
        let path = try StoreTests.temporaryPath()
        var generator = SeededGenerator(seed: seed)
        let keys = (0..<6).map { "/k/\($0)" }
        var expected: [String: [UInt64]] = [:]
        var at: UInt64 = 0
        do {
            let store = try Store(path: path)
            for round in 0..<40 {
                var batch = StoreBatch(lastSequence: UInt64(round + 1), clock: LogicalTime(wallMilliseconds: 1))
                for _ in 0..<Int(generator.next() % 8) {
                    let key = keys[Int(generator.next() % UInt64(keys.count))]
                    at += 1
                    // Keys 4 and 5 never hold a value; the others get one now and then, so some
                    // chains start in `history_head` and move into `kv`.
                    if key < "/k/4" && generator.next() % 3 == 0 {
                        batch.values.append(
                            StoredValue(
                                key: key, version: Version(stamp: Stamp(wallMilliseconds: at, counter: 0, origin: "t"), body: [1]),
                                sequence: at))
                    }
                    batch.history.append(Self.entry(key, at: at, status: generator.next() % 2 == 0 ? "applied" : "rejected"))
                    expected[key, default: []].append(at)
                }
                // Now and then a value with no outcome of its key in the batch: its row keeps the head.
                if generator.next() % 4 == 0 {
                    let key = keys[Int(generator.next() % 4)]
                    at += 1
                    batch.values.append(
                        StoredValue(
                            key: key, version: Version(stamp: Stamp(wallMilliseconds: at, counter: 0, origin: "t"), body: [2]),
                            sequence: at))
                }
                try store.commit(batch)
            }
        }
        let reopened = try Store(path: path)
        for key in keys {
            let all = expected[key] ?? []
            #expect(try reopened.history(forKey: key).map(\.atMilliseconds) == all, "\(key)")
            #expect(try reopened.history(forKey: key, limit: 3).map(\.atMilliseconds) == Array(all.suffix(3)), "\(key)")
        }
        #expect(try reopened.history(forKey: "/never").isEmpty)
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    /// A database written by the first schema (history found through an index on key and id)
    /// keeps every key's history, in order, once the chain migration has run, and new outcomes
    /// join the chains.
    @Test func aDatabaseOfTheFirstSchemaKeepsItsHistory() throws {
        let path = try StoreTests.temporaryPath()
        do {
            let queue = try DatabaseQueue(path: path)
            try StoreMigrations.migrator.migrate(queue, upTo: "v1-kv-history-seen-meta")
            try queue.write { db in
                for key in ["/a", "/b"] {
                    try db.execute(
                        sql: "INSERT INTO kv (key, body, wall, counter, origin, uuid, sequence) VALUES (?, x'31', 1, 0, 't', x'', 1)",
                        arguments: [key])
                }
                // Interleaved outcomes; "/c" never had a value (refused writes only).
                for (n, key) in ["/a", "/c", "/b", "/a", "/c", "/a", "/b"].enumerated() {
                    try db.execute(
                        sql: """
                            INSERT INTO history (at, key, status, principal, uuid, body, sequence, channel)
                            VALUES (?, ?, 'applied', 'admin', x'', x'', ?, 'submit')
                            """, arguments: [n + 1, key, n + 1])
                }
            }
        }
        let store = try Store(path: path)
        #expect(try store.history(forKey: "/a").map(\.atMilliseconds) == [1, 4, 6])
        #expect(try store.history(forKey: "/b").map(\.atMilliseconds) == [3, 7])
        #expect(try store.history(forKey: "/c").map(\.atMilliseconds) == [2, 5])
        var batch = StoreBatch(lastSequence: 9, clock: LogicalTime(wallMilliseconds: 1))
        batch.history = [Self.entry("/a", at: 8), Self.entry("/c", at: 9)]
        try store.commit(batch)
        #expect(try store.history(forKey: "/a").map(\.atMilliseconds) == [1, 4, 6, 8])
        #expect(try store.history(forKey: "/c").map(\.atMilliseconds) == [2, 5, 9])
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// A commit that fails leaves the heads it would have moved where they were: the next outcome
    /// of the key links to the last committed one, not to a row rolled back.
    @Test func aFailedCommitLeavesTheChainsAsTheyWere() throws {
        let path = try StoreTests.temporaryPath()
        let store = try Store(path: path)
        var first = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
        first.history = [Self.entry("/a", at: 1)]
        try store.commit(first)
        // Any uuid recorded for the key "/fail" aborts its transaction (after its history rows).
        try StoreTests.refuseSeenUUIDsOfFail(at: path)
        var failing = StoreBatch(lastSequence: 2, clock: LogicalTime(wallMilliseconds: 2))
        failing.history = [Self.entry("/a", at: 2), Self.entry("/b", at: 3)]
        failing.seen = [SeenWrite(uuid: [UInt8](repeating: 9, count: 16), key: "/fail", fingerprint: 0)]
        #expect(throws: StoreError.self) { try store.commit(failing) }
        var after = StoreBatch(lastSequence: 3, clock: LogicalTime(wallMilliseconds: 3))
        after.history = [Self.entry("/a", at: 4), Self.entry("/b", at: 5)]
        try store.commit(after)
        #expect(try store.history(forKey: "/a").map(\.atMilliseconds) == [1, 4])
        #expect(try store.history(forKey: "/b").map(\.atMilliseconds) == [5])
        #expect(try store.integrityCheck() == ["ok"])
    }
}
