import Foundation
import GRDB
import GRDBSQLite

extension Store {
    /// Reads back, once after opening (or after a failed commit), the seen uuids whose only record
    /// is a `history` row after `seen_through`, and the newest run number.
    func replaySeenIfNeeded(_ state: inout (seen: DeferredSeen, isReplayed: Bool)) throws {
        guard !state.isReplayed else { return }
        var seen = DeferredSeen()
        try pool.read { db in
            seen = DeferredSeen(
                newestRun: try Int64.fetchOne(db, sql: "SELECT MAX(run) FROM seen_block") ?? 0,
                capacity: deferredLimits.seenRun)
            let through = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'seen_through'") ?? 0
            let rows = try db.makeStatement(
                sql: "SELECT id, uuid FROM history WHERE id > ? AND fingerprint IS NOT NULL ORDER BY id")
            try rows.setArguments([through])
            try RawRows(rows.sqliteStatement).forEach { row in
                guard let uuid = WriteUUID(row.bytes(1)) else { return }
                seen.record(uuid, row: row.integer(0))
            }
        }
        state = (seen, true)
    }

    /// What the next transaction writes out of the waiting seen uuids. For a commit that adds
    /// `added` new ones: a share of the closing generation (a run starts once enough wait). With
    /// `idleLimit` (the store idle or stopping): up to that many, a run starting from 4,096
    /// waiting, fewer going to `seen_uuid`.
    func takeSeenWork(added: Int, idleLimit: Int? = nil) throws -> SeenWriteOut {
        try seenState.withLock { state throws in
            try replaySeenIfNeeded(&state)
            if state.seen.closing == nil {
                let runSize = idleLimit == nil ? deferredLimits.seenRun : min(deferredLimits.seenRun, 4096)
                if !state.seen.startRunIfDue(size: runSize), idleLimit != nil { _ = state.seen.startTableFlush() }
            }
            guard let target = state.seen.closing?.target else {
                return SeenWriteOut(target: .table, rows: [], oldestRemaining: state.seen.oldestRowAfterTaken)
            }
            let rows = state.seen.take(idleLimit ?? deferredLimits.seenRunShare(added: added))
            return SeenWriteOut(target: target, rows: rows, oldestRemaining: state.seen.oldestRowAfterTaken)
        }
    }

    /// Writes the uuids of `work` to their table, inside the caller's transaction.
    static func writeSeen(_ work: SeenWriteOut, db: Database) throws {
        guard !work.rows.isEmpty else { return }
        // Cached statements: the database keeps them alive while `RawStatement` uses them.
        switch work.target {
        case .run(let run):
            let insert = RawStatement(
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO seen_block (run, first, entries) VALUES (?, ?, ?)"))
            defer { insert.clearBindings() }
            var start = work.rows.startIndex
            while start < work.rows.endIndex {
                let end = min(start + SeenBlock.capacity, work.rows.endIndex)
                insert.bind(1, run)
                insert.bind(2, work.rows[start].uuid.bytes)
                insert.bind(3, SeenBlock.encode(work.rows[start..<end]))
                try insert.execute()
                start = end
            }
        case .table:
            let insert = RawStatement(
                try db.cachedStatement(
                    sql: """
                        INSERT OR IGNORE INTO seen_uuid (uuid, key, fingerprint)
                          SELECT uuid, key, fingerprint FROM history WHERE id = ? AND fingerprint IS NOT NULL
                        """))
            defer { insert.clearBindings() }
            for (_, row) in work.rows {
                insert.bind(1, row)
                try insert.execute()
            }
        }
    }

    /// After the transaction that wrote `work` committed: its uuids no longer wait, and the new
    /// ones it recorded in history rows do.
    func finishSeen(_ work: SeenWriteOut, recorded: [(uuid: WriteUUID, row: Int64)]) {
        guard !work.rows.isEmpty || !recorded.isEmpty else { return }
        seenState.withLock { state in
            if !work.rows.isEmpty { state.seen.finishTaken() }
            for (uuid, row) in recorded { state.seen.record(uuid, row: row) }
        }
    }

    /// A transaction failed: the waiting uuids are read again from the database before the next use.
    func resetSeen() {
        seenState.withLock { $0 = (DeferredSeen(), false) }
    }

    /// How many seen uuids wait in `history` for a table (see ``DeferredSeen``).
    public func deferredSeenCount() throws(StoreError) -> Int {
        do {
            return try seenState.withLock { state throws in
                try replaySeenIfNeeded(&state)
                return state.seen.count
            }
        } catch {
            throw Self.wrap(error, "reading back the seen uuids waiting for a table")
        }
    }

    /// Writes up to `limit` of the seen uuids waiting in `history` to their tables, in
    /// transactions of at most `chunk` (see ``takeSeenWork(added:idleLimit:)``); returns how many
    /// were written. townd writes a few whenever its commit thread is idle, and all of them as it
    /// stops, so that a start after a clean stop reads nothing back.
    @discardableResult
    public func writeDeferredSeen(limit: Int = .max, chunk: Int = 4096) throws(StoreError) -> Int {
        var written = 0
        do {
            while written < limit {
                let work = try takeSeenWork(added: 0, idleLimit: min(chunk, limit - written))
                guard !work.rows.isEmpty else { break }
                do {
                    try pool.write { db in
                        try Self.writeSeen(work, db: db)
                        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM history") ?? 0
                        try db.execute(
                            sql: "INSERT OR REPLACE INTO meta (name, value) VALUES ('seen_through', ?)",
                            arguments: [work.seenThrough(firstNew: nil, newestRow: newest)])
                    }
                } catch {
                    resetSeen()
                    throw error
                }
                finishSeen(work, recorded: [])
                written += work.rows.count
            }
        } catch {
            throw Self.wrap(error, "writing waiting seen uuids to their tables")
        }
        return written
    }

    /// Of `uuids`, those waiting in `history` with their rows, and the newest run number.
    func waitingSeenRows(_ uuids: [[UInt8]]) throws -> (rows: [[UInt8]: Int64], newestRun: Int64) {
        try seenState.withLock { state throws in
            try replaySeenIfNeeded(&state)
            var rows: [[UInt8]: Int64] = [:]
            guard !state.seen.isEmpty else { return (rows, state.seen.newestRun) }
            for bytes in uuids {
                guard let uuid = WriteUUID(bytes), let row = state.seen.row(of: uuid) else { continue }
                rows[bytes] = row
            }
            return (rows, state.seen.newestRun)
        }
    }

    /// The statements of a lookup of seen uuids (``lookUpSeen(_:waiting:newestRun:statements:)``).
    struct SeenStatements {
        /// `SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?`
        var table: RawStatement
        /// The block of a run that would hold a uuid: by run and uuid.
        var block: RawStatement
        /// A history row's key and fingerprint, by id.
        var historyRow: RawStatement

        static let tableSQL = "SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?"
        static let blockSQL = "SELECT entries FROM seen_block WHERE run = ?1 AND first <= ?2 ORDER BY first DESC LIMIT 1"
        static let historyRowSQL = "SELECT key, fingerprint FROM history WHERE id = ? AND fingerprint IS NOT NULL"

        func clearBindings() {
            for statement in [table, block, historyRow] { statement.clearBindings() }
        }
    }

    /// The seen record of each of `uuids` found: those `waiting` (with their history rows) read
    /// from their rows, the others looked up in `seen_uuid`, then in each run, newest first.
    /// Inside the caller's read transaction, begun after `waiting` was taken (a uuid written out
    /// meanwhile left the list only once its commit was visible). Returns how many uuids it looked
    /// up in the tables.
    @discardableResult
    static func lookUpSeen(
        _ uuids: [[UInt8]], waiting: [[UInt8]: Int64], newestRun: Int64, statements: SeenStatements,
        into found: inout [[UInt8]: SeenWrite]
    ) throws -> Int {
        var lookups = 0
        defer { statements.clearBindings() }
        func record(_ uuid: [UInt8], from statement: RawStatement) throws {
            try RawRows(statement.statement).forEach { row in
                found[uuid] = SeenWrite(uuid: uuid, key: row.text(0), fingerprint: UInt64(bitPattern: row.integer(1)))
            }
        }
        for uuid in uuids where found[uuid] == nil {
            if let row = waiting[uuid] {
                statements.historyRow.bind(1, row)
                try record(uuid, from: statements.historyRow)
                continue
            }
            lookups += 1
            // Bound in place (SQLite copying it cost an allocation a write).
            try uuid.withUnsafeBytes { bytes in
                statements.table.bindStatic(1, blob: bytes.baseAddress, count: bytes.count)
                try record(uuid, from: statements.table)
                var run = newestRun
                while found[uuid] == nil, run > 0 {
                    statements.block.bind(1, run)
                    statements.block.bindStatic(2, blob: bytes.baseAddress, count: bytes.count)
                    var row: Int64?
                    try RawRows(statements.block.statement).forEach { block in
                        let count = Int(sqlite3_column_bytes(block.statement, 0))
                        guard let pointer = sqlite3_column_blob(block.statement, 0) else { return }
                        row = SeenBlock.row(of: bytes, in: UnsafeRawBufferPointer(start: pointer, count: count))
                    }
                    if let row {
                        statements.historyRow.bind(1, row)
                        try record(uuid, from: statements.historyRow)
                    }
                    run -= 1
                }
            }
        }
        return lookups
    }
}
