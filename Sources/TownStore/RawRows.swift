import GRDB
import GRDBSQLite
import TownMerge

/// Steps a prepared statement with SQLite's C cursor, handing each row to the caller while it is
/// current (``RawRow/storedValue()`` reads the kv table's columns in the order `load` selects them).
struct RawRows {
    let statement: OpaquePointer

    init(_ statement: OpaquePointer) { self.statement = statement }

    /// Calls `body` for every row; throws the SQLite error that stopped the scan, if any.
    func forEach(_ body: (RawRow) -> Void) throws {
        defer { sqlite3_reset(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = sqlite3_db_handle(statement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
            }
            body(RawRow(statement: statement))
        }
    }
}

/// The current row of a ``RawRows`` scan; valid only inside the scan's closure.
struct RawRow {
    let statement: OpaquePointer

    func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    func optionalInteger(_ column: Int32) -> Int64? {
        sqlite3_column_type(statement, column) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, column)
    }

    /// The row as a kv value (columns in the order ``RawRows`` documents).
    func storedValue() -> StoredValue {
        let stamp = Stamp(
            wallMilliseconds: UInt64(bitPattern: integer(2)), counter: UInt32(clamping: integer(3)), origin: text(4))
        return StoredValue(
            key: text(0), version: Version(stamp: stamp, body: bytes(1), uuid: bytes(5)),
            sequence: UInt64(bitPattern: integer(6)), ttlSeconds: optionalInteger(7).map { UInt32(clamping: $0) },
            expiresAtMilliseconds: optionalInteger(8).map { UInt64(bitPattern: $0) })
    }

    /// The value a history row set, when it is an `applied` outcome with a stamp (columns: id, key,
    /// status, at, wall, counter, origin, uuid, body, sequence, ttl, as the store's replay selects
    /// them); the expiry is computed as the write's was, from the row's time and ttl.
    func appliedValue() -> StoredValue? {
        guard text(2) == Store.appliedStatus, sqlite3_column_type(statement, 4) != SQLITE_NULL else { return nil }
        let stamp = Stamp(
            wallMilliseconds: UInt64(bitPattern: integer(4)), counter: UInt32(clamping: integer(5)), origin: text(6))
        let body = bytes(8)
        let ttl = optionalInteger(10).map { UInt32(clamping: $0) }
        let at = UInt64(bitPattern: integer(3))
        return StoredValue(
            key: text(1), version: Version(stamp: stamp, body: body, uuid: bytes(7)),
            sequence: UInt64(bitPattern: integer(9)), ttlSeconds: ttl,
            expiresAtMilliseconds: body.isEmpty ? nil : ttl.map { at + UInt64($0) * 1000 })
    }
}
