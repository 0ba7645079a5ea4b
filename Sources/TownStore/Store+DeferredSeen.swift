import Foundation
import GRDB
import GRDBSQLite

extension Store {
    /// Reads back, once after opening (or after a failed commit), the seen uuids whose only record
    /// is a `history` row after `seen_through`, and the runs a lookup probes.
    func replaySeenIfNeeded(_ state: inout (seen: DeferredSeen, isReplayed: Bool)) throws {
        guard !state.isReplayed else { return }
        var seen = DeferredSeen()
        try pool.read { db in
            // Whole and retired runs are probed; retired ones, and those a crash left part-written
            // (a merge's output, or a run whose uuids are read back below), are deleted.
            let catalog = try Row.fetchAll(db, sql: "SELECT run, entries, state FROM seen_run").map {
                (run: $0[0] as Int64, entries: $0[1] as Int, state: $0[2] as String)
            }
            seen = DeferredSeen(
                // A number a crash left in either table is not given again.
                newestRun: try Int64.fetchOne(
                    db, sql: "SELECT MAX(COALESCE((SELECT MAX(run) FROM seen_block), 0), COALESCE((SELECT MAX(run) FROM seen_run), 0))")
                    ?? 0,
                runs: catalog.filter { $0.state != "writing" }.map { ($0.run, $0.entries) },
                retired: Set(catalog.filter { $0.state == "retired" }.map(\.run)), capacity: deferredLimits.seenRun)
            let leftOver = catalog.filter { $0.state != "whole" }.map(\.run)
            if !leftOver.isEmpty { seen.merges = [SeenMerge.deleting(leftOver)] }
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

    /// What the next transaction writes out of the waiting seen uuids, and the merges it advances.
    /// For a commit that adds `added` new ones: a share of the closing generation (a run starts
    /// once enough wait). With `idleLimit` (the store idle or stopping): up to that many, a run
    /// starting from 4,096 waiting, fewer going to `seen_uuid`.
    func takeSeenWork(added: Int, idleLimit: Int? = nil) throws -> SeenWriteOut {
        try seenState.withLock { state throws in
            try replaySeenIfNeeded(&state)
            if state.seen.closing == nil {
                let runSize = idleLimit == nil ? deferredLimits.seenRun : min(deferredLimits.seenRun, 4096)
                if !state.seen.startRunIfDue(size: runSize), idleLimit != nil { _ = state.seen.startTableFlush() }
            }
            var work = SeenWriteOut(target: .table, rows: [], oldestRemaining: nil)
            if let closing = state.seen.closing {
                work.target = closing.target
                if case .run(let run) = closing.target, closing.taken == 0 {
                    work.startsRun = (run, closing.generation.count)
                }
                work.rows = state.seen.take(idleLimit ?? deferredLimits.seenRunShare(added: added))
                if case .run(let run) = closing.target, state.seen.closing?.isFullyTaken == true {
                    work.finishesRun = (run, closing.generation.count)
                }
            }
            work.oldestRemaining = state.seen.oldestRowAfterTaken
            state.seen.startMergesIfDue(fanIn: deferredLimits.seenMergeFanIn, runSize: deferredLimits.seenRun)
            work.merges = state.seen.merges.sorted { $0.tier < $1.tier }
            state.seen.merges = []
            work.mergeBudget = idleLimit.map { $0 * 4 } ?? deferredLimits.seenMergeShare(added: added)
            return work
        }
    }

    /// Writes the uuids of `work` to their table and advances its merge, inside the caller's
    /// transaction.
    static func writeSeen(_ work: inout SeenWriteOut, db: Database) throws {
        // Cached statements: the database keeps them alive while `RawStatement` uses them.
        if let (run, entries) = work.startsRun {
            try db.execute(
                sql: "INSERT OR REPLACE INTO seen_run (run, entries, state) VALUES (?, ?, 'writing')", arguments: [run, entries])
        }
        if !work.rows.isEmpty {
            switch work.target {
            case .run(let run):
                try writeBlocks(run: run, work.rows, db: db)
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
        if let (run, entries) = work.finishesRun {
            try db.execute(sql: "UPDATE seen_run SET state = 'whole', entries = ? WHERE run = ?", arguments: [entries, run])
        }
        var budget = work.mergeBudget
        for index in work.merges.indices where budget > 0 {
            budget -= try advance(&work.merges[index], budget: budget, db: db)
        }
    }

    /// Appends `rows` (sorted, following the run's blocks so far) to run `run` as blocks.
    private static func writeBlocks(run: Int64, _ rows: [(uuid: WriteUUID, row: Int64)], db: Database) throws {
        let insert = RawStatement(
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO seen_block (run, first, entries) VALUES (?, ?, ?)"))
        defer { insert.clearBindings() }
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + SeenBlock.capacity, rows.endIndex)
            insert.bind(1, run)
            insert.bind(2, rows[start].uuid.bytes)
            insert.bind(3, SeenBlock.encode(rows[start..<end]))
            try insert.execute()
            start = end
        }
    }

    /// After the transaction that wrote `work` committed: its uuids no longer wait, the new ones
    /// it recorded in history rows do, and its merges go on (lookups leave a merge's inputs once
    /// its output is whole).
    func finishSeen(_ work: SeenWriteOut, recorded: [(uuid: WriteUUID, row: Int64)]) {
        guard !work.rows.isEmpty || !recorded.isEmpty || !work.merges.isEmpty else { return }
        seenState.withLock { state in
            if !work.rows.isEmpty { state.seen.finishTaken() }
            if let (run, entries) = work.finishesRun { state.seen.runIsWhole(run, entries: entries) }
            for (uuid, row) in recorded { state.seen.record(uuid, row: row) }
            for merge in work.merges {
                if merge.phase != .merging { state.seen.mergeIsWhole(merge) }
                if merge.phase == .finished {
                    state.seen.inputsAreDeleted(merge)
                } else {
                    state.seen.merges.append(merge)
                }
            }
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
    /// transactions of at most `chunk` (see ``takeSeenWork(added:idleLimit:)``); with
    /// `advancingMerges`, the merges under way also take a step of `chunk` × 4 entries in each (a
    /// step counts as that many). Returns how many were written. townd writes a few, merges
    /// advancing, whenever its commit thread is idle, and all of them as it stops, so that a start
    /// after a clean stop reads nothing back.
    @discardableResult
    public func writeDeferredSeen(limit: Int = .max, chunk: Int = 4096, advancingMerges: Bool = false) throws(StoreError)
        -> Int
    {
        var written = 0
        do {
            while written < limit {
                var work = try takeSeenWork(added: 0, idleLimit: min(chunk, limit - written))
                if !advancingMerges, !work.merges.isEmpty {
                    // Left for the next commit.
                    let merges = work.merges
                    seenState.withLock { $0.seen.merges = merges }
                    work.merges = []
                }
                guard !work.rows.isEmpty || !work.merges.isEmpty else { break }
                do {
                    try pool.write { db in
                        try Self.writeSeen(&work, db: db)
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
                written += max(work.rows.count, work.merges.isEmpty ? 0 : work.mergeBudget)
            }
        } catch {
            throw Self.wrap(error, "writing waiting seen uuids to their tables")
        }
        return written
    }
}
