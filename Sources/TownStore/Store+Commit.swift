import Foundation
import GRDB
import TownMerge

extension Store {
    /// Writes one batch in one transaction; nothing of it is stored when this throws.
    public func commit(_ batch: StoreBatch) throws(StoreError) { try commit([batch]) }

    /// Writes batches, in order, in one transaction (one sync for them all): the same rows as
    /// committing them one after another (a later batch's value of a key wins; the sequence and
    /// clock stored are the last batch's), without copying every row into one batch first.
    /// Nothing of them is stored when this throws.
    ///
    /// A value whose key has an `applied` outcome of the same sequence in these batches (every
    /// value townd writes) is not written to `kv` now: its history row holds it, and it waits in
    /// ``DeferredValues`` until a commit writes it out, oldest first, within ``DeferredLimits``
    /// (or ``writeDeferredValues(limit:chunk:)`` does). Any other value is written at once.
    ///
    /// Likewise a history entry with a `seenFingerprint` is its uuid's seen record until its uuid is
    /// written to a table of seen uuids (``DeferredSeen``); a ``SeenWrite`` in `seen` is written at
    /// once.
    public func commit(_ batches: [StoreBatch]) throws(StoreError) {
        guard let last = batches.last else { return }
        do {
            let added = batches.reduce(0) { sum, batch in sum + batch.history.count { $0.seenFingerprint != nil } }
            var seenOut = try takeSeenWork(added: added)
            do {
                try deferred.withLock { state throws in
                    try replayIfNeeded(&state)
                    do {
                        var recorded: [(uuid: WriteUUID, row: Int64)] = []
                        try pool.write { db in
                            recorded = try Self.writeRows(
                                batches, last: last, pending: &state.values, seenOut: &seenOut, db: db, limits: deferredLimits)
                        }
                        finishSeen(seenOut, recorded: recorded)
                    } catch {
                        // The waiting keys may have changed with rows now rolled back: read them
                        // again from the database before the next use (a failed commit is rare; an
                        // undo record of every change would cost every commit).
                        state = (DeferredValues(), false)
                        throw error
                    }
                }
            } catch {
                // Likewise the seen uuids: what was taken to be written out was not.
                resetSeen()
                throw error
            }
            // Committed: the lookup's filter must know these uuids before anyone hears of them.
            seenFilter.committed(batches)
        } catch {
            let values = batches.reduce(0) { $0 + $1.values.count }
            let outcomes = batches.reduce(0) { $0 + $1.history.count }
            throw Self.wrap(error, "committing \(values) values and \(outcomes) outcomes")
        }
    }

    /// The rows of one commit, inside its transaction.
    /// Returns the seen uuids the history rows now hold (see ``DeferredSeen``).
    private static func writeRows(
        _ batches: [StoreBatch], last: StoreBatch, pending: inout DeferredValues, seenOut: inout SeenWriteOut, db: Database,
        limits: DeferredLimits
    ) throws -> [(uuid: WriteUUID, row: Int64)] {
        // History first: each key's chain head is read once per commit and then followed in
        // memory, so a write costs one history insert.
        var (keys, rows, newSeen) = try appendHistory(batches, pending: &pending, db: db)
        var writer = try ValueWriter(db: db)
        defer { writer.clearBindings() }
        for value in batches.lazy.flatMap(\.values) {
            let index = keys.index(forKey: value.key)
            if let index, keys.values[index].appliedSequence == value.sequence {
                keys.values[index].value = value
                keys.values[index].isWritten = false
            } else {
                // No outcome made this value: it goes to `kv` now, with the key's newest row.
                try writer.upsert(value, head: index.map { keys.values[$0].head } ?? pending.head(of: value.key))
                pending.remove(value.key)
                if let index {
                    keys.values[index].value = nil
                    keys.values[index].isWritten = true
                }
            }
        }
        // The keys with outcomes wait (with their value, if one was applied, else their head).
        if let firstRow = rows?.first {
            for (key, touched) in keys where !touched.isWritten {
                pending.record(key: key, firstRow: firstRow, head: touched.head, value: touched.value)
            }
        }
        if let newest = rows?.last { pending.noteRow(newest) }
        // The oldest waiting keys go to `kv`: those over the limits, and a share paced to the rows
        // written, so that every key is written out within `rowsBehind` rows a little at a time
        // rather than all at once when they pass the limit.
        let written = rows.map { Int($0.last - $0.first + 1) } ?? 0
        pending.pacingCredit = min(
            pending.pacingCredit + limits.pacedShare(of: pending.count, rows: written), Double(pending.count))
        let paced = Int(pending.pacingCredit)
        pending.pacingCredit -= Double(paced)
        let due = pending.oldest(
            max(limits.perCommit, pending.count - limits.waiting, paced), orBelow: pending.newestRow - limits.rowsBehind)
        try writeOut(due, writer: &writer, pending: &pending)
        // Seen uuids: those the history rows now hold wait; a share of a closing generation is
        // written out; a seen write without a history row (a direct fill) goes to `seen_uuid` now.
        try writeSeen(&seenOut, db: db)
        let seen = RawStatement(
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO seen_uuid (uuid, key, fingerprint) VALUES (?, ?, ?)"))
        defer { seen.clearBindings() }
        var row = RowBytes()
        for write in batches.lazy.flatMap(\.seen) {
            row.reset()
            row.blob(1, write.uuid)
            row.text(2, write.key, for: seen)
            seen.bind(3, Int64(bitPattern: write.fingerprint))
            try row.execute(seen)
        }
        let meta = try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
        try meta.execute(arguments: ["last_sequence", Int64(last.lastSequence)])
        try meta.execute(arguments: ["clock_wall", Int64(last.clock.wallMilliseconds)])
        try meta.execute(arguments: ["clock_counter", Int64(last.clock.counter)])
        try meta.execute(arguments: ["kv_through", pending.kvThrough])
        try meta.execute(
            arguments: ["seen_through", seenOut.seenThrough(firstNew: newSeen.first?.row, newestRow: pending.newestRow)])
        return newSeen
    }

    /// Writes waiting keys to `kv` (their value with its head, else the head alone); they no
    /// longer wait.
    static func writeOut(
        _ due: [(key: String, entry: DeferredValues.Entry)], writer: inout ValueWriter, pending: inout DeferredValues
    ) throws {
        for (key, entry) in due {
            if let value = entry.value {
                try writer.upsert(value, head: entry.head)
            } else {
                try writer.moveHead(of: key, to: entry.head)
            }
            pending.remove(key)
        }
    }

    /// Inserts the outcomes in order, each naming its key's previous row; returns the keys they
    /// touched and the commit's first and last rows (a key that starts waiting in this commit waits
    /// from its first row, so the waiting keys stay in the order of their first rows). A key's head
    /// before the commit is read once: from the keys waiting for `kv`, else its value's row, else
    /// `history_head`. Also returns the seen uuids the rows hold (a fingerprint and a 16-byte uuid).
    private static func appendHistory(
        _ batches: [StoreBatch], pending: inout DeferredValues, db: Database
    ) throws -> (
        keys: [String: TouchedKey], rows: (first: Int64, last: Int64)?, seen: [(uuid: WriteUUID, row: Int64)]
    ) {
        var keys: [String: TouchedKey] = [:]
        var rows: (first: Int64, last: Int64)?
        var seen: [(uuid: WriteUUID, row: Int64)] = []
        let count = batches.reduce(0) { $0 + $1.history.count }
        guard count > 0 else { return (keys, rows, seen) }
        keys.reserveCapacity(count)
        seen.reserveCapacity(count)
        let lookup = RawStatement(
            try db.cachedStatement(
                sql: """
                    SELECT COALESCE((SELECT history_last FROM kv WHERE key = ?1),
                      (SELECT last FROM history_head WHERE key = ?1))
                    """))
        let history = RawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO history (at, key, status, reason, detail, wall, counter, origin, principal,
                      uuid, body, sequence, channel, previous, ttl, fingerprint)
                      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        defer { history.clearBindings() }
        var row = RowBytes()
        for entry in batches.lazy.flatMap(\.history) {
            let index = keys.index(forKey: entry.key)
            let previous: Int64?
            if let index {
                previous = keys.values[index].head
            } else if let head = pending.head(of: entry.key) {
                previous = head
            } else {
                lookup.bind(1, entry.key)
                previous = try lookup.integerOrNil()
            }
            row.reset()
            history.bind(1, Int64(entry.atMilliseconds))
            row.text(2, entry.key, for: history)
            row.text(3, entry.status, for: history)
            row.text(4, entry.reason, for: history)
            row.text(5, entry.detail, for: history)
            history.bind(6, entry.stamp.map { Int64($0.wallMilliseconds) })
            history.bind(7, entry.stamp.map { Int64($0.counter) })
            row.text(8, entry.stamp?.origin, for: history)
            row.text(9, entry.principal, for: history)
            row.blob(10, entry.uuid)
            row.blob(11, entry.body)
            history.bind(12, Int64(entry.sequence))
            row.text(13, entry.channel, for: history)
            history.bind(14, previous)
            history.bind(15, entry.ttlSeconds.map { Int64($0) })
            let seenUUID = entry.seenFingerprint == nil ? nil : WriteUUID(entry.uuid)
            history.bind(16, seenUUID == nil ? nil : entry.seenFingerprint.map { Int64(bitPattern: $0) })
            try row.execute(history)
            let id = db.lastInsertedRowID
            if let seenUUID { seen.append((seenUUID, id)) }
            let applied = entry.stamp != nil && entry.status == Self.appliedStatus ? entry.sequence : nil
            if let index {
                keys.values[index].head = id
                if let applied { keys.values[index].appliedSequence = applied }
            } else {
                keys[entry.key] = TouchedKey(head: id, appliedSequence: applied)
            }
            rows = (rows?.first ?? id, id)
        }
        return (keys, rows, seen)
    }

    /// The status of a history row whose write set its key's value.
    static let appliedStatus = "applied"
}
