import Foundation
import GRDB
import TownMerge

extension Store {
    /// Reads back, once after opening, the keys whose newest state is in `history` rows after
    /// `kv_through` (what the commits before a crash had not yet written to `kv`). A value `kv`
    /// already holds at that sequence or later (written at once) does not wait.
    func replayIfNeeded(_ state: inout (values: DeferredValues, isReplayed: Bool)) throws {
        guard !state.isReplayed else { return }
        var values = DeferredValues()
        try pool.read { db in
            values.noteRow(try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM history") ?? 0)
            let through = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'kv_through'") ?? 0
            let rows = try db.makeStatement(
                sql: """
                    SELECT id, key, status, at, wall, counter, origin, uuid, body, sequence, ttl FROM history
                    WHERE id > ? ORDER BY id
                    """)
            try rows.setArguments([through])
            try RawRows(rows.sqliteStatement).forEach { row in
                let id = row.integer(0)
                values.record(key: row.text(1), firstRow: id, head: id, value: row.appliedValue())
            }
            guard !values.isEmpty else { return }
            let stored = RawStatement(try db.cachedStatement(sql: "SELECT sequence FROM kv WHERE key = ?"))
            for (key, value) in values.waitingValues {
                stored.bind(1, key)
                if let sequence = try stored.integerOrNil(), UInt64(bitPattern: sequence) >= value.sequence {
                    values.dropValue(of: key)
                }
            }
        }
        state = (values, true)
    }

    /// How many keys have a newer state in `history` than in `kv` (see ``DeferredValues``).
    public func deferredKeyCount() throws(StoreError) -> Int {
        do {
            return try deferred.withLock { state throws in
                try replayIfNeeded(&state)
                return state.values.count
            }
        } catch {
            throw Self.wrap(error, "reading back the values waiting for kv")
        }
    }

    /// How many history rows a start would read back (written after `kv_through`: `kv` may not
    /// hold what they did yet). Reads the database as it is, so another process can ask.
    public func historyRowsAheadOfValues() throws(StoreError) -> Int {
        do {
            return try pool.read { db in
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM history
                        WHERE id > COALESCE((SELECT value FROM meta WHERE name = 'kv_through'), 0)
                        """) ?? 0
            }
        } catch {
            throw Self.wrap(error, "counting the history rows ahead of kv")
        }
    }

    /// Writes up to `limit` of the keys waiting in `history` into `kv`, oldest first, in
    /// transactions of at most `chunk` keys; returns how many were written. townd writes a few
    /// whenever its commit thread is idle, and all of them as it stops, so that a start after a
    /// clean stop reads nothing back from `history`.
    @discardableResult
    public func writeDeferredValues(limit: Int = .max, chunk: Int = 4096) throws(StoreError) -> Int {
        var written = 0
        do {
            while written < limit {
                let done = try deferred.withLock { state throws -> Int in
                    try replayIfNeeded(&state)
                    let due = state.values.oldest(min(chunk, limit - written))
                    guard !due.isEmpty else { return 0 }
                    do {
                        try pool.write { db in
                            var writer = try ValueWriter(db: db)
                            defer { writer.clearBindings() }
                            try Self.writeOut(due, writer: &writer, pending: &state.values)
                            try db.execute(
                                sql: "INSERT OR REPLACE INTO meta (name, value) VALUES ('kv_through', ?)",
                                arguments: [state.values.kvThrough])
                        }
                    } catch {
                        // Read the waiting keys again from the database before the next use.
                        state = (DeferredValues(), false)
                        throw error
                    }
                    return due.count
                }
                guard done > 0 else { break }
                written += done
            }
        } catch {
            throw Self.wrap(error, "writing waiting values to kv")
        }
        return written
    }
}
