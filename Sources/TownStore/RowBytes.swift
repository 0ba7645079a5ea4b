import GRDBSQLite

/// The text and blob values of one row, copied into one reused buffer and bound in place
/// (`SQLITE_STATIC`): bound the usual way, SQLite allocates and copies every text and blob value
/// of every row, half the allocations of a commit.
///
/// Use: ``reset()``, add the row's values, then ``execute(_:)``, which binds them from the buffer
/// and runs the statement while the buffer cannot move. Values that are not text or blobs are
/// bound on the statement directly. After the last row, ``RawStatement/clearBindings()`` lets go
/// of the buffer.
struct RowBytes {
    private var bytes: [UInt8] = []
    private var values: [(index: Int32, isText: Bool, start: Int, count: Int)] = []

    init() {
        bytes.reserveCapacity(1_024)
        values.reserveCapacity(16)
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// A text value (nil: NULL, bound on `statement` at once).
    mutating func text(_ index: Int32, _ value: String?, for statement: RawStatement) {
        guard var value else { return statement.bind(index, nil as String?) }
        value.withUTF8 { add(index, isText: true, UnsafeRawBufferPointer($0)) }
    }

    /// A blob value (an empty one is an empty blob, never NULL).
    mutating func blob(_ index: Int32, _ value: UnsafeRawBufferPointer) {
        add(index, isText: false, value)
    }

    mutating func blob(_ index: Int32, _ value: [UInt8]) {
        value.withUnsafeBytes { add(index, isText: false, $0) }
    }

    private mutating func add(_ index: Int32, isText: Bool, _ value: UnsafeRawBufferPointer) {
        values.append((index, isText, bytes.count, value.count))
        bytes.append(contentsOf: value)
    }

    /// Binds the values from the buffer and runs the statement once (see ``RawStatement/execute()``).
    func execute(_ statement: RawStatement) throws {
        try bytes.withUnsafeBytes { buffer in
            for value in values {
                let start = buffer.baseAddress.map { $0 + value.start }
                if value.isText {
                    statement.bindStatic(value.index, text: start, count: value.count)
                } else {
                    statement.bindStatic(value.index, blob: start, count: value.count)
                }
            }
            try statement.execute()
        }
    }
}
