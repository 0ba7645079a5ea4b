import GRDB

/// Writes values and history heads into `kv` (and `history_head`) inside a commit, through
/// statements prepared once per connection.
struct ValueWriter {
    private let values: RawStatement
    private let moveHead: RawStatement
    private let moveHeadWithoutValue: RawStatement
    private let db: Database
    private var row = RowBytes()

    init(db: Database) throws {
        self.db = db
        values = RawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO kv (key, body, wall, counter, origin, uuid, sequence, ttl, expires_at, history_last)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET body = excluded.body, wall = excluded.wall,
                      counter = excluded.counter, origin = excluded.origin, uuid = excluded.uuid,
                      sequence = excluded.sequence, ttl = excluded.ttl, expires_at = excluded.expires_at,
                      history_last = COALESCE(excluded.history_last, kv.history_last)
                    """))
        moveHead = RawStatement(try db.cachedStatement(sql: "UPDATE kv SET history_last = ? WHERE key = ?"))
        moveHeadWithoutValue = RawStatement(
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO history_head (key, last) VALUES (?, ?)"))
    }

    /// The key's value, with its newest history row when known (else the row keeps its own).
    mutating func upsert(_ value: StoredValue, head: Int64?) throws {
        let stamp = value.version.stamp
        row.reset()
        row.text(1, value.key, for: values)
        row.blob(2, value.version.body)
        values.bind(3, Int64(stamp.wallMilliseconds))
        values.bind(4, Int64(stamp.counter))
        row.text(5, stamp.origin, for: values)
        value.version.withUUIDBytes { row.blob(6, $0) }
        values.bind(7, Int64(value.sequence))
        values.bind(8, value.ttlSeconds.map { Int64($0) })
        values.bind(9, value.expiresAtMilliseconds.map { Int64($0) })
        values.bind(10, head)
        try row.execute(values)
    }

    /// The key's newest history row, in its value's row, else in `history_head`.
    func moveHead(of key: String, to head: Int64) throws {
        moveHead.bind(1, head)
        moveHead.bind(2, key)
        try moveHead.execute()
        if db.changesCount == 0 {
            moveHeadWithoutValue.bind(1, key)
            moveHeadWithoutValue.bind(2, head)
            try moveHeadWithoutValue.execute()
        }
    }

    /// Lets go of the row buffer the value statement was bound to.
    func clearBindings() { values.clearBindings() }
}
