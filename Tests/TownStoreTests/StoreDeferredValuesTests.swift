import Foundation
import GRDB
import Testing
import TownMerge
import TownTesting

@testable import TownStore

/// Values wait in their history rows and reach `kv` a few per commit: what a store loads, each
/// key's history and the values in `kv` after everything is written out equal what was committed,
/// whether the store is closed cleanly or dropped as a crash would leave it, at any point.
@Suite struct StoreDeferredValuesTests {
    /// A commit's worth of writes as townd makes them: an applied outcome carries the value of the
    /// same sequence; other outcomes carry none; now and then a value with no outcome (written at
    /// once); ttl on some.
    struct Writer {
        var generator: SeededGenerator
        var sequence: UInt64 = 0
        var values: [String: StoredValue] = [:]
        var history: [String: [UInt64]] = [:]
        let keys = (0..<12).map { "/k/\($0)" }

        mutating func batch() -> StoreBatch {
            var batch = StoreBatch(lastSequence: 0, clock: LogicalTime(wallMilliseconds: 1))
            for _ in 0..<Int(generator.next() % 9) {
                sequence += 1
                let key = keys[Int(generator.next() % UInt64(keys.count))]
                let at = 1_000_000 + sequence
                let stamp = Stamp(wallMilliseconds: at, counter: UInt32(sequence % 3), origin: "o\(sequence % 4)")
                let uuid = withUnsafeBytes(of: sequence.bigEndian) { Array($0) + Array($0) }
                let ttl: UInt32? = generator.next() % 4 == 0 ? UInt32(generator.next() % 100 + 1) : nil
                let body: [UInt8] = generator.next() % 6 == 0 ? [] : Array("v\(sequence)".utf8)
                switch generator.next() % 10 {
                case 0..<6:
                    let value = StoredValue(
                        key: key, version: Version(stamp: stamp, body: body, uuid: uuid), sequence: sequence,
                        ttlSeconds: ttl, expiresAtMilliseconds: body.isEmpty ? nil : ttl.map { at + UInt64($0) * 1000 })
                    batch.values.append(value)
                    values[key] = value
                    batch.history.append(
                        HistoryEntry(
                            atMilliseconds: at, key: key, status: "applied", stamp: stamp, principal: "p", uuid: uuid,
                            body: body, sequence: sequence, channel: "submit", ttlSeconds: ttl))
                    history[key, default: []].append(at)
                case 6..<9:
                    batch.history.append(
                        HistoryEntry(
                            atMilliseconds: at, key: key, status: generator.next() % 2 == 0 ? "superseded" : "rejected",
                            stamp: stamp, principal: "p", uuid: uuid, body: body, sequence: values[key]?.sequence ?? 0,
                            channel: "submit"))
                    history[key, default: []].append(at)
                default:
                    let value = StoredValue(key: key, version: Version(stamp: stamp, body: body, uuid: uuid), sequence: sequence)
                    batch.values.append(value)
                    values[key] = value
                }
            }
            batch.lastSequence = sequence
            batch.clock = LogicalTime(wallMilliseconds: 2_000_000 + sequence, counter: 1)
            return batch
        }
    }

    static func check(_ store: Store, against writer: Writer, _ note: String) throws {
        let loaded = try store.load()
        #expect(loaded.values == writer.values, "\(note)")
        #expect(loaded.lastSequence == writer.sequence, "\(note)")
        for key in writer.keys {
            let found = try store.history(forKey: key).map(\.atMilliseconds)
            #expect(found == (writer.history[key] ?? []), "\(note) \(key) \(found) \(writer.history[key] ?? [])")
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func whatWasCommittedIsLoadedAfterAnyStop(seed: UInt64) throws {
        let path = try StoreTests.temporaryPath()
        var generator = SeededGenerator(seed: seed &* 7919)
        var writer = Writer(generator: SeededGenerator(seed: seed))
        for session in 0..<6 {
            let limits = DeferredLimits(
                perCommit: Int(generator.next() % 3), waiting: Int(generator.next() % 12),
                rowsBehind: Int64(generator.next() % 60))
            let store = try Store(path: path, deferredLimits: limits)
            try Self.check(store, against: writer, "seed \(seed) session \(session) at open")
            for _ in 0..<25 {
                let group = (0..<Int(generator.next() % 3 + 1)).map { _ in writer.batch() }
                try store.commit(group)
                // No key waits from further back than the limit.
                let (through, newest) = store.deferred.withLock { ($0.values.kvThrough, $0.values.newestRow) }
                #expect(through >= newest - limits.rowsBehind - 1, "seed \(seed) session \(session)")
            }
            #expect(try store.deferredKeyCount() <= max(limits.waiting, 12))
            try Self.check(store, against: writer, "seed \(seed) session \(session) before stopping")
            // Half the sessions end cleanly (everything written out), the others as a crash would.
            if generator.next() % 2 == 0 {
                try store.writeDeferredValues(chunk: 5)
                #expect(try store.deferredKeyCount() == 0)
            }
        }
        let store = try Store(path: path)
        try store.writeDeferredValues()
        // Everything is in `kv` now: read it without the store's help.
        let rows = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT key, sequence FROM kv").map { ($0[0] as String, $0[1] as Int64) }
        }
        #expect(Dictionary(uniqueKeysWithValues: rows) == writer.values.mapValues { Int64($0.sequence) })
        let through = try DatabaseQueue(path: path).read { db in
            (try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'kv_through'"),
             try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM history"))
        }
        #expect(through.0 == through.1)
        try Self.check(Store(path: path), against: writer, "seed \(seed) at the end")
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// With the default limits a value waits; a crash (the store dropped, nothing written out)
    /// loses nothing; its ttl and expiry come back from its history row.
    @Test func aWaitingValueComesBackFromHistoryWithItsExpiry() throws {
        let path = try StoreTests.temporaryPath()
        let at: UInt64 = 1_700_000_000_000
        let stamp = Stamp(wallMilliseconds: at, counter: 2, origin: "village:luli")
        let value = StoredValue(
            key: "/village/luli/2024/collective_income", version: Version(stamp: stamp, body: Array("120.5".utf8), uuid: [7, 7]),
            sequence: 1, ttlSeconds: 60, expiresAtMilliseconds: at + 60_000)
        do {
            let store = try Store(path: path, deferredLimits: DeferredLimits(perCommit: 0))
            var batch = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: at))
            batch.values = [value]
            batch.history = [
                HistoryEntry(
                    atMilliseconds: at, key: value.key, status: "applied", stamp: stamp, principal: "village:luli",
                    uuid: [7, 7], body: value.version.body, sequence: 1, channel: "submit", ttlSeconds: 60)
            ]
            try store.commit(batch)
            #expect(try store.deferredKeyCount() == 1)
        }
        let inKV = try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM kv") }
        #expect(inKV == 0)
        let reopened = try Store(path: path)
        #expect(try reopened.load().values == [value.key: value])
        #expect(try reopened.history(forKey: value.key).map(\.ttlSeconds) == [60])
    }

    /// A value written at once (no outcome of its key) is never overwritten by an older value of
    /// the key still waiting in the history, before or after a crash.
    @Test func aValueWrittenAtOnceIsNotUndoneByAnOlderWaitingOne() throws {
        let path = try StoreTests.temporaryPath()
        let old = StoreTests.value("/a", "old", sequence: 1)
        let new = StoreTests.value("/a", "new", sequence: 2)
        do {
            let store = try Store(path: path, deferredLimits: DeferredLimits(perCommit: 0, waiting: 100))
            var first = StoreBatch(lastSequence: 1, clock: LogicalTime(wallMilliseconds: 1))
            first.values = [old]
            first.history = [
                HistoryEntry(
                    atMilliseconds: 1, key: "/a", status: "applied", stamp: old.version.stamp, principal: "p", uuid: [],
                    body: old.version.body, sequence: 1, channel: "submit")
            ]
            try store.commit(first)
            var second = StoreBatch(lastSequence: 2, clock: LogicalTime(wallMilliseconds: 2))
            second.values = [new]
            try store.commit(second)
            #expect(try store.load().values["/a"] == new)
        }
        let reopened = try Store(path: path, deferredLimits: DeferredLimits(perCommit: 0, waiting: 100))
        #expect(try reopened.load().values["/a"] == new)
        try reopened.writeDeferredValues()
        #expect(try Store(path: path).load().values["/a"] == new)
        #expect(try reopened.history(forKey: "/a").count == 1)
    }

    /// A commit that fails leaves the waiting keys as they were (read again from the database):
    /// the values it would have made wait nowhere, and `kv_through` does not pass rows it rolled
    /// back.
    @Test func aFailedCommitLeavesTheWaitingKeysAsTheyWere() throws {
        let path = try StoreTests.temporaryPath()
        let limits = DeferredLimits(perCommit: 0, waiting: 100)
        var writer = Writer(generator: SeededGenerator(seed: 42))
        let store = try Store(path: path, deferredLimits: limits)
        for _ in 0..<5 { try store.commit(writer.batch()) }
        let before = try store.load()
        let waitingBefore = try store.deferredKeyCount()
        try StoreTests.refuseSeenUUIDsOfFail(at: path)
        var copy = writer
        var failing = copy.batch()
        while failing.values.isEmpty { failing = copy.batch() }
        failing.seen = [SeenWrite(uuid: [UInt8](repeating: 9, count: 16), key: "/fail", fingerprint: 0)]
        #expect(throws: StoreError.self) { try store.commit(failing) }
        #expect(try store.deferredKeyCount() == waitingBefore)
        #expect(try store.load().values == before.values)
        for _ in 0..<5 { try store.commit(writer.batch()) }
        try Self.check(store, against: writer, "after the failure")
        try Self.check(try Store(path: path, deferredLimits: limits), against: writer, "reopened after the failure")
    }
}
