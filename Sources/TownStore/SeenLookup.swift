import GRDB
import GRDBSQLite

/// Finds which uuids the store has seen, through a connection of its own with its statements
/// prepared once. townd asks for every batch's uuids; through the pool each batch also paid a
/// dispatch hop and a transaction begun and ended through GRDB (about 5% of the socket thread's
/// time). Only uuids the store's ``SeenFilter`` cannot rule out are looked up: among the uuids
/// waiting in `history` (``DeferredSeen``), then in `seen_uuid` and each run of `seen_block`. Use it
/// from one thread at a time (the socket loop's); it sees every batch committed through its store.
public final class SeenLookup {
    private let connection: OpaquePointer
    private let begin: OpaquePointer
    private let lookups: SeenStatements
    private let end: OpaquePointer
    private let filter: SeenFilter
    private let store: Store
    /// How many uuids were looked up in the database (for tests: what the filter let through).
    private(set) var databaseLookups = 0

    init(path: String, filter: SeenFilter, store: Store) throws(StoreError) {
        self.filter = filter
        self.store = store
        var opened: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        guard sqlite3_open_v2(path, &opened, flags, nil) == SQLITE_OK, let opened else {
            let message = opened.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite3_close_v2(opened)
            throw StoreError(operation: "opening the uuid lookup on \(path)", message: message)
        }
        sqlite3_busy_timeout(opened, 5_000)
        // It only ever reads.
        sqlite3_exec(opened, "PRAGMA query_only = 1", nil, nil, nil)
        var prepared: [OpaquePointer] = []
        let sqls = [
            "BEGIN", SeenStatements.tableSQL, SeenStatements.blockSQL, SeenStatements.historyRowSQL,
            "COMMIT",
        ]
        for sql in sqls {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v3(opened, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
                let statement
            else {
                let message = String(cString: sqlite3_errmsg(opened))
                for earlier in prepared { sqlite3_finalize(earlier) }
                sqlite3_close_v2(opened)
                throw StoreError(operation: "preparing the uuid lookup on \(path)", message: message)
            }
            prepared.append(statement)
        }
        connection = opened
        begin = prepared[0]
        lookups = SeenStatements(
            table: RawStatement(statement: prepared[1]), block: RawStatement(statement: prepared[2]),
            historyRow: RawStatement(statement: prepared[3]))
        end = prepared[4]
    }

    deinit {
        for statement in [begin, lookups.table.statement, lookups.block.statement, lookups.historyRow.statement, end] {
            sqlite3_finalize(statement)
        }
        sqlite3_close_v2(connection)
    }

    /// The seen-write record for each uuid that has one, read in one transaction.
    public func seenWrites(_ uuids: [[UInt8]]) throws(StoreError) -> [[UInt8]: SeenWrite] {
        let uuids = filter.perhapsSeen(uuids)
        guard !uuids.isEmpty else { return [:] }
        do {
            return try store.withSeenSnapshot(uuids) { waiting, runs in
                var found: [[UInt8]: SeenWrite] = [:]
                try RawStatement(statement: begin).execute()
                defer {
                    // A read transaction left open would keep the WAL from ever starting over.
                    if (try? RawStatement(statement: end).execute()) == nil, sqlite3_get_autocommit(connection) == 0 {
                        sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
                    }
                }
                databaseLookups += try Store.lookUpSeen(
                    uuids, waiting: waiting, runs: runs, statements: lookups, into: &found)
                return found
            }
        } catch {
            throw Store.wrap(error, "looking up uuids")
        }
    }
}
