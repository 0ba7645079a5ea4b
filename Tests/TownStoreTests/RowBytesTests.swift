import Foundation
import GRDB
import Testing

@testable import TownStore

/// Text and blobs bound in place from one row buffer are stored exactly as bound the usual way:
/// empty text stays text, an empty blob stays a blob, nil is NULL, and a row larger than the
/// buffer's first capacity (which then moves) is whole.
@Suite struct RowBytesTests {
    @Test func rowsAreStoredAsBound() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, a TEXT, b BLOB, c TEXT)")
            // The statement must outlive the raw one that drives it.
            let prepared = try db.makeStatement(sql: "INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?)")
            let statement = RawStatement(prepared)
            var row = RowBytes()
            let rows: [(String?, [UInt8], String?)] = [
                ("key", [1, 2, 3], "village:luli"), ("", [], nil), (nil, [0], ""), ("三魁镇", Array("大".utf8), "a\u{1}b"),
                (String(repeating: "x", count: 3_000), [UInt8](repeating: 7, count: 5_000), String(repeating: "y", count: 700)),
            ]
            for (n, (a, b, c)) in rows.enumerated() {
                row.reset()
                statement.bind(1, Int64(n))
                row.text(2, a, for: statement)
                row.blob(3, b)
                row.text(4, c, for: statement)
                try row.execute(statement)
            }
            statement.clearBindings()
            withExtendedLifetime(prepared) {}
            let stored = try Row.fetchAll(db, sql: "SELECT a, b, c, typeof(a), typeof(b), typeof(c) FROM t ORDER BY n")
            #expect(stored.count == rows.count)
            for (row, (a, b, c)) in zip(stored, rows) {
                #expect(row[0] as String? == a)
                #expect((row[1] as Data?).map { Array($0) } == b)
                #expect(row[2] as String? == c)
                #expect(row[3] as String == (a == nil ? "null" : "text"))
                #expect(row[4] as String == "blob")
                #expect(row[5] as String == (c == nil ? "null" : "text"))
            }
        }
    }
}
