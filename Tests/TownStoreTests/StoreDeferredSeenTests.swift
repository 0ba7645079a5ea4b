import Foundation
import GRDB
import Testing
import TownMerge
import TownTesting

@testable import TownStore

/// Seen uuids wait in their history rows and go out as runs of blocks (or into `seen_uuid`): every
/// uuid committed as seen is found, with its key and fingerprint, by the store and by a lookup of
/// its own, and no other uuid is, whether the store stops cleanly or is dropped as a crash would
/// leave it, at any point, with any run size.
@Suite struct StoreDeferredSeenTests {
    /// Commits as townd makes them: most outcomes the first of their uuid (its history row holds
    /// the seen record), some refused (not seen), now and then a seen write with no history row.
    struct Writer {
        var generator: SeededGenerator
        var sequence: UInt64 = 0
        var seen: [[UInt8]: SeenWrite] = [:]
        var notSeen: [[UInt8]] = []

        mutating func uuid() -> [UInt8] { (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }

        mutating func batch() -> StoreBatch {
            var batch = StoreBatch(lastSequence: 0, clock: LogicalTime(wallMilliseconds: 1))
            for _ in 0..<Int(generator.next() % 9) {
                sequence += 1
                let key = "/k/\(generator.next() % 7)"
                let uuid = uuid()
                let fingerprint = generator.next()
                switch generator.next() % 10 {
                case 0..<7:
                    batch.history.append(
                        HistoryEntry(
                            atMilliseconds: sequence, key: key, status: "superseded", stamp: nil, principal: "p", uuid: uuid,
                            body: [], sequence: 0, channel: "submit", seenFingerprint: fingerprint))
                    seen[uuid] = SeenWrite(uuid: uuid, key: key, fingerprint: fingerprint)
                case 7..<9:
                    batch.history.append(
                        HistoryEntry(
                            atMilliseconds: sequence, key: key, status: "rejected", stamp: nil, principal: "p", uuid: uuid,
                            body: [], sequence: 0, channel: "submit"))
                    notSeen.append(uuid)
                default:
                    batch.seen.append(SeenWrite(uuid: uuid, key: key, fingerprint: fingerprint))
                    seen[uuid] = SeenWrite(uuid: uuid, key: key, fingerprint: fingerprint)
                }
            }
            batch.lastSequence = sequence
            return batch
        }
    }

    static func check(_ store: Store, against writer: Writer, _ note: String) throws {
        let asked = Array(writer.seen.keys) + writer.notSeen
        #expect(try store.seenWrites(asked) == writer.seen, "\(note): the store")
        let lookup = try store.makeSeenLookup()
        #expect(try lookup.seenWrites(asked) == writer.seen, "\(note): a lookup")
        #expect(try lookup.seenWrites(writer.notSeen).isEmpty, "\(note): a lookup of uuids never seen")
    }

    /// Every seen uuid in the tables, read without the store's help (blocks decoded).
    static func uuidsInTables(_ path: String) throws -> Set<[UInt8]> {
        try DatabaseQueue(path: path).read { db in
            var found = Set(try Data.fetchAll(db, sql: "SELECT uuid FROM seen_uuid").map { [UInt8]($0) })
            for entries in try Data.fetchAll(db, sql: "SELECT entries FROM seen_block").map({ [UInt8]($0) }) {
                #expect(entries.count % SeenBlock.entryBytes == 0)
                for start in stride(from: 0, to: entries.count, by: SeenBlock.entryBytes) {
                    found.insert(Array(entries[start..<start + 16]))
                }
            }
            return found
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func everySeenUUIDIsFoundAfterAnyStop(seed: UInt64) throws {
        let path = try StoreTests.temporaryPath()
        var generator = SeededGenerator(seed: seed &* 104_729)
        var writer = Writer(generator: SeededGenerator(seed: seed))
        for session in 0..<6 {
            let limits = DeferredLimits(
                seenRun: Int(generator.next() % 24 + 6), seenRunChunk: Int(generator.next() % 5 + 1),
                seenMergeFanIn: Int(generator.next() % 3 + 2))
            let store = try Store(path: path, deferredLimits: limits)
            try Self.check(store, against: writer, "seed \(seed) session \(session) at open")
            for round in 0..<25 {
                let group = (0..<Int(generator.next() % 3 + 1)).map { _ in writer.batch() }
                try store.commit(group)
                // The socket loop looks up while the store writes out: now and then, every uuid.
                if round % 8 == 7 { try Self.check(store, against: writer, "seed \(seed) session \(session) round \(round)") }
                // No more than two generations wait: one closing, one filling.
                #expect(try store.deferredSeenCount() <= 2 * limits.seenRun + 3 * 24)
            }
            // Half the sessions end cleanly (everything written out), the others as a crash would.
            // An idle store advances its merge.
            if generator.next() % 3 == 0 { try store.writeDeferredSeen(limit: 40, chunk: 2, advancingMerges: true) }
            if generator.next() % 2 == 0 {
                // Idle long enough, the store merges until no size tier holds `fanIn` runs.
                var steps = 0
                while try store.writeDeferredSeen(limit: 64, chunk: 16, advancingMerges: true) > 0, steps < 10_000 { steps += 1 }
                let (runs, merges) = store.seenState.withLock { ($0.seen.runs, $0.seen.merges) }
                #expect(merges.isEmpty)
                let tiers = Dictionary(grouping: runs) {
                    DeferredSeen.tier(of: $0.entries, fanIn: limits.seenMergeFanIn, runSize: limits.seenRun)
                }
                #expect(tiers.values.allSatisfy { $0.count < limits.seenMergeFanIn }, "seed \(seed) session \(session): \(runs)")
                try store.writeDeferredSeen(chunk: 3)
                #expect(try store.deferredSeenCount() == 0)
                #expect(try Self.uuidsInTables(path) == Set(writer.seen.keys), "seed \(seed) session \(session)")
            }
        }
        let store = try Store(path: path)
        try store.writeDeferredSeen()
        #expect(try Self.uuidsInTables(path) == Set(writer.seen.keys))
        let through = try DatabaseQueue(path: path).read { db in
            (try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'seen_through'"),
             try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM history"))
        }
        #expect(through.0 == through.1)
        try Self.check(Store(path: path), against: writer, "seed \(seed) at the end")
        #expect(try store.integrityCheck() == ["ok"])
        // After an idle while every run is whole, and every block belongs to one.
        var steps = 0
        while try store.writeDeferredSeen(limit: 64, chunk: 16, advancingMerges: true) > 0, steps < 10_000 { steps += 1 }
        let (states, orphans) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT DISTINCT state FROM seen_run"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM seen_block WHERE run NOT IN (SELECT run FROM seen_run)") ?? -1)
        }
        #expect(states.allSatisfy { $0 == "whole" }, "seed \(seed): \(states)")
        #expect(orphans == 0)
        try Self.check(store, against: writer, "seed \(seed) after merging")
    }

    /// With the default limits a seen uuid waits in its history row; dropped as a crash would
    /// leave it, the store finds it again on opening, and the lookup's filter has it.
    @Test func aWaitingUUIDIsFoundAfterACrash() throws {
        let path = try StoreTests.temporaryPath()
        var writer = Writer(generator: SeededGenerator(seed: 5))
        do {
            let store = try Store(path: path)
            for _ in 0..<10 { try store.commit(writer.batch()) }
            #expect(try store.deferredSeenCount() > 0)
        }
        let inTables = try Self.uuidsInTables(path)
        #expect(inTables.count < writer.seen.count)
        let reopened = try Store(path: path)
        try Self.check(reopened, against: writer, "after the crash")
        // A key's history gives each row's seen record back (none for refused writes).
        for key in (0..<7).map({ "/k/\($0)" }) {
            for entry in try reopened.history(forKey: key) {
                #expect(entry.seenFingerprint == writer.seen[entry.uuid]?.fingerprint, "\(key)")
            }
        }
        // The lookup's filter has every one of them (from the tables and the history rows).
        _ = try reopened.makeSeenLookup()
        let uuids = Array(writer.seen.keys)
        #expect(reopened.seenFilter.perhapsSeen(uuids).count == uuids.count)
    }

    /// A commit that fails leaves the waiting uuids as they were (read again from the database):
    /// the uuids it would have made seen are not found, and later commits go on as before.
    @Test func aFailedCommitLeavesTheWaitingUUIDsAsTheyWere() throws {
        let path = try StoreTests.temporaryPath()
        let limits = DeferredLimits(seenRun: 4, seenRunChunk: 2)
        var writer = Writer(generator: SeededGenerator(seed: 42))
        let store = try Store(path: path, deferredLimits: limits)
        for _ in 0..<6 { try store.commit(writer.batch()) }
        try StoreTests.refuseSeenUUIDsOfFail(at: path)
        var copy = writer
        var failing = copy.batch()
        while !failing.history.contains(where: { $0.seenFingerprint != nil }) { failing = copy.batch() }
        failing.seen.append(SeenWrite(uuid: [UInt8](repeating: 9, count: 16), key: "/fail", fingerprint: 0))
        #expect(throws: StoreError.self) { try store.commit(failing) }
        let lost = failing.history.compactMap { $0.seenFingerprint == nil ? nil : $0.uuid }
        #expect(try store.seenWrites(lost).isEmpty)
        try Self.check(store, against: writer, "after the failure")
        for _ in 0..<6 { try store.commit(writer.batch()) }
        try Self.check(store, against: writer, "after more commits")
        try Self.check(try Store(path: path, deferredLimits: limits), against: writer, "reopened after the failure")
    }
}
