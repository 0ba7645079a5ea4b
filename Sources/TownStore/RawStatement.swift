import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C interface: the commit binds thousands of rows per
/// batch, and GRDB's argument arrays cost an allocation and a conversion per value.
struct RawStatement {
    let statement: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    /// An empty C string that lives as long as the process (bound in place for empty text).
    nonisolated(unsafe) private static let emptyText: UnsafeMutablePointer<CChar> = {
        let text = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        text.initialize(to: 0)
        return text
    }()

    init(_ statement: Statement) {
        self.init(statement: statement.sqliteStatement)
    }

    /// A statement prepared through SQLite directly (see ``SeenLookup``).
    init(statement: OpaquePointer) {
        self.statement = statement
        sqlite3_clear_bindings(statement)
    }

    func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(statement, index, value) }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, index, value) } else { sqlite3_bind_null(statement, index) }
    }

    func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { text in
            guard let base = text.baseAddress, !text.isEmpty else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
                return
            }
            _ = base.withMemoryRebound(to: CChar.self, capacity: text.count) {
                sqlite3_bind_text(statement, index, $0, Int32(text.count), Self.transient)
            }
        }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(statement, index) }
    }

    /// A blob (an empty one is an empty blob, never NULL).
    func bind(_ index: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { bind(index, $0) }
    }

    /// A blob from bytes the caller lends (copied by SQLite before this returns).
    func bind(_ index: Int32, _ buffer: UnsafeRawBufferPointer) {
        if buffer.isEmpty {
            _ = sqlite3_bind_zeroblob(statement, index, 0)
        } else {
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Binds text the caller keeps unchanged until the statement has run and been bound anew or
    /// cleared (`SQLITE_STATIC`, a nil destructor: SQLite reads it in place; see ``RowBytes``).
    func bindStatic(_ index: Int32, text: UnsafeRawPointer?, count: Int) {
        if let text, count > 0 {
            sqlite3_bind_text(statement, index, text.assumingMemoryBound(to: CChar.self), Int32(count), nil)
        } else {
            sqlite3_bind_text(statement, index, Self.emptyText, 0, nil)
        }
    }

    /// Binds a blob the caller keeps unchanged (as ``bindStatic(_:text:count:)``); empty is an
    /// empty blob, never NULL.
    func bindStatic(_ index: Int32, blob: UnsafeRawPointer?, count: Int) {
        if let blob, count > 0 {
            sqlite3_bind_blob(statement, index, blob, Int32(count), nil)
        } else {
            sqlite3_bind_zeroblob(statement, index, 0)
        }
    }

    /// Sets every parameter to NULL (a statement bound with ``bindStatic(_:text:count:)`` then no
    /// longer points at the caller's bytes).
    func clearBindings() { sqlite3_clear_bindings(statement) }

    /// Runs the statement once with the values bound, then resets it for the next row.
    func execute() throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = sqlite3_db_handle(statement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    /// Runs a query of one integer column: its first row's value (nil for NULL or no row), then resets.
    func integerOrNil() throws -> Int64? {
        let code = sqlite3_step(statement)
        defer { sqlite3_reset(statement) }
        switch code {
        case SQLITE_ROW:
            return sqlite3_column_type(statement, 0) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, 0)
        case SQLITE_DONE:
            return nil
        default:
            let message = sqlite3_db_handle(statement).flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}
