import GRDB
import GRDBSQLite

/// Finds which uuids the store has seen, through a connection of its own with its statements
/// prepared once. townd asks for every batch's uuids; through the pool each batch also paid a
/// dispatch hop and a transaction begun and ended through GRDB (about 5% of the socket thread's
/// time). Only uuids the store's ``SeenFilter`` cannot rule out reach the database. Use it from one
/// thread at a time (the socket loop's); it sees every batch committed through its store.
public final class SeenLookup {
    private let connection: OpaquePointer
    private let begin: OpaquePointer
    private let lookup: OpaquePointer
    private let end: OpaquePointer
    private let filter: SeenFilter
    /// How many uuids were looked up in the database (for tests: what the filter let through).
    private(set) var databaseLookups = 0

    init(path: String, filter: SeenFilter) throws(StoreError) {
        self.filter = filter
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
        for sql in ["BEGIN", "SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?", "COMMIT"] {
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
        (begin, lookup, end) = (prepared[0], prepared[1], prepared[2])
    }

    deinit {
        for statement in [begin, lookup, end] { sqlite3_finalize(statement) }
        sqlite3_close_v2(connection)
    }

    /// The seen-write record for each uuid that has one, read in one transaction.
    public func seenWrites(_ uuids: [[UInt8]]) throws(StoreError) -> [[UInt8]: SeenWrite] {
        var found: [[UInt8]: SeenWrite] = [:]
        let uuids = filter.perhapsSeen(uuids)
        guard !uuids.isEmpty else { return found }
        do {
            try RawStatement(statement: begin).execute()
            defer {
                // A read transaction left open would keep the WAL from ever starting over.
                if (try? RawStatement(statement: end).execute()) == nil, sqlite3_get_autocommit(connection) == 0 {
                    sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
                }
            }
            let statement = RawStatement(statement: lookup)
            defer { statement.clearBindings() }
            for uuid in uuids where found[uuid] == nil {
                databaseLookups += 1
                // Bound in place (SQLite copying it cost an allocation a write).
                try uuid.withUnsafeBytes { bytes in
                    statement.bindStatic(1, blob: bytes.baseAddress, count: bytes.count)
                    try RawRows(lookup).forEach { row in
                        found[uuid] = SeenWrite(uuid: uuid, key: row.text(0), fingerprint: UInt64(bitPattern: row.integer(1)))
                    }
                }
            }
        } catch {
            throw Store.wrap(error, "looking up uuids")
        }
        return found
    }
}
