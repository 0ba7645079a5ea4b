import Foundation
import GRDB

extension Store {
    /// Advances a merge by up to `budget` entries; once its output is whole, deletes its inputs'
    /// blocks, `budget / 128` at a time, then their catalog rows. Returns the budget it used.
    static func advance(_ merge: inout SeenMerge, budget: Int, db: Database) throws -> Int {
        if !merge.isCataloged {
            try db.execute(
                sql: "INSERT OR REPLACE INTO seen_run (run, entries, state) VALUES (?, ?, 'writing')",
                arguments: [merge.output, merge.plannedEntries])
            merge.isCataloged = true
        }
        switch merge.phase {
        case .merging:
            let fetch = RawStatement(
                try db.cachedStatement(
                    sql: "SELECT first, entries FROM seen_block WHERE run = ?1 AND first > ?2 ORDER BY first LIMIT 1"))
            let insert = RawStatement(
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO seen_block (run, first, entries) VALUES (?, ?, ?)"))
            defer {
                fetch.clearBindings()
                insert.clearBindings()
            }
            let output = merge.output
            let emitted = try merge.merge(
                budget: budget,
                fetch: { run, after in
                    fetch.bind(1, run)
                    fetch.bind(2, after)
                    var found: (first: [UInt8], entries: [UInt8])?
                    try RawRows(fetch.statement).forEach { row in found = (row.bytes(0), row.bytes(1)) }
                    return found
                },
                write: { first, entries in
                    insert.bind(1, output)
                    insert.bind(2, first)
                    insert.bind(3, entries)
                    try insert.execute()
                })
            if merge.phase == .deleting {
                // Whole: lookups probe it, and its inputs until their blocks are deleted.
                try db.execute(
                    sql: "UPDATE seen_run SET state = 'whole', entries = ? WHERE run = ?",
                    arguments: [merge.written, merge.output])
                for run in merge.runs {
                    try db.execute(sql: "UPDATE seen_run SET state = 'retired' WHERE run = ?", arguments: [run])
                }
            }
            return max(emitted, 1)
        case .deleting:
            var left = max(1, budget / SeenBlock.capacity)
            for run in merge.runs where left > 0 {
                try db.execute(
                    sql: """
                        DELETE FROM seen_block WHERE run = ?1 AND first IN
                          (SELECT first FROM seen_block WHERE run = ?1 ORDER BY first LIMIT ?2)
                        """, arguments: [run, left])
                left -= db.changesCount
            }
            if left > 0 {
                for run in merge.runs { try db.execute(sql: "DELETE FROM seen_run WHERE run = ?", arguments: [run]) }
                merge.finishDeleting()
            }
            return max(1, budget / SeenBlock.capacity - left) * SeenBlock.capacity
        case .finished:
            return 0
        }
    }
}
