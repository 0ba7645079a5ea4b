import Foundation
import GRDB
import GRDBSQLite

extension Store {
    /// Calls `body` with those of `uuids` waiting in `history` (with their rows) and the runs to
    /// probe, newest first, holding the list while `body` reads the tables: so no commit's
    /// uuids leave the list, and no merge's output joins the runs (its inputs' blocks are deleted
    /// only in later commits), between what `body` is told and the snapshot it reads.
    func withSeenSnapshot<T>(_ uuids: [[UInt8]], _ body: ([[UInt8]: Int64], [Int64]) throws -> T) throws -> T {
        try seenState.withLock { state throws in
            try replaySeenIfNeeded(&state)
            var rows: [[UInt8]: Int64] = [:]
            if !state.seen.isEmpty {
                for bytes in uuids {
                    guard let uuid = WriteUUID(bytes), let row = state.seen.row(of: uuid) else { continue }
                    rows[bytes] = row
                }
            }
            return try body(rows, state.seen.runs.reversed().map(\.run))
        }
    }

    /// The seen record of each of `uuids` found: those `waiting` (with their history rows) read
    /// from their rows, the others looked up in `seen_uuid`, then in each of `runs` in turn.
    /// Inside the caller's read transaction, within ``withSeenSnapshot(_:_:)``. Returns how many
    /// uuids it looked up in the tables.
    @discardableResult
    static func lookUpSeen(
        _ uuids: [[UInt8]], waiting: [[UInt8]: Int64], runs: [Int64], statements: SeenStatements,
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
                for run in runs where found[uuid] == nil {
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
                }
            }
        }
        return lookups
    }
}
