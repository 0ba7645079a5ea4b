import Foundation
import GRDB
import TownMerge

/// The daemon's SQLite database (WAL mode): current values, the audit history, the uuids seen and
/// the last sequence. Open it once; every group commit is one transaction.
public final class Store: Sendable {
    let pool: DatabasePool
    /// Where the database file lives.
    public let path: String

    /// Checkpoints the WAL off the commit path, when asked for.
    private let checkpointer: WALCheckpointer?

    /// The seen uuids as a filter, for the socket loop's lookup (filled once one is made).
    let seenFilter = SeenFilter()

    /// Opens (creating if needed) and migrates the database at `path`. With
    /// `backgroundCheckpoints`, a thread of its own copies the WAL into the database, so no commit
    /// stalls for that (townd); SQLite's automatic checkpoint then waits for a much larger WAL, and
    /// the WAL starts over once it holds `walCycleFrames` pages (see ``finishWALCycleIfDue()``).
    public init(
        path: String, synchronous: SynchronousMode = .full, backgroundCheckpoints: Bool = false,
        walCycleFrames: Int = 32_768
    ) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.label = "townd"
        configuration.busyMode = .timeout(5)
        // 65,536 pages (256 MiB): reached only if the checkpoint thread and the WAL cycles fall behind.
        if backgroundCheckpoints {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 65536") }
        }
        checkpointer = backgroundCheckpoints ? WALCheckpointer(path: path, cycleFrames: walCycleFrames) : nil
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's pool sets `synchronous = NORMAL` on its writer after `prepareDatabase` (its
            // choice for WAL mode), which would leave commits unsynced: set again on the writer.
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(synchronous.rawValue.uppercased())")
            }
            try StoreMigrations.migrator.migrate(pool)
        } catch {
            throw Self.wrap(error, "opening the database at \(path)")
        }
        checkpointer?.start()
    }

    deinit { checkpointer?.stop() }

    /// Lets the WAL start over from its beginning, when the checkpoint thread says it has just
    /// copied all of a long WAL. Call it on the writing thread between commits (townd: after a
    /// commit's results are out): the writer copies the few frames committed since and syncs the
    /// database, so the next commit writes from the WAL's start. That takes 5–7 ms at 4,096
    /// pages and 10–25 ms at 32,768 (half load, 20,000 writes/s); as a cycle at 32,768 pages
    /// comes four times less often, fewer writes wait for one: townd's own p99 at half load went
    /// from 12–14 ms (4,096) to 9–11 ms (32,768), for a WAL file of up to 128 MiB.
    ///
    /// Under a steady stream of commits the background checkpoint never catches up with the
    /// writer (new frames arrive while it copies), and SQLite lets the WAL start over only when a
    /// write begins with every frame copied. Without this the WAL started over only when
    /// SQLite's own checkpoint ran inside a commit (at 16,384 pages then), and that commit (with every
    /// write queued behind it) took 10–30 ms: the tail of the ack latency at half load. The
    /// checkpoint thread also syncs the database after each copy, so the sync here has
    /// little left to write.
    public func finishWALCycleIfDue() {
        guard let checkpointer, checkpointer.cycleDue.exchange(false, ordering: .acquiringAndReleasing) else { return }
        // A failure is harmless: the WAL goes on growing until the next cycle (or SQLite's own).
        _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }

    /// SQLite's `synchronous` level on the connection that commits (0 off, 1 normal, 2 full).
    public func writerSynchronousLevel() throws(StoreError) -> Int {
        do {
            return try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
        } catch {
            throw Self.wrap(error, "reading the synchronous setting")
        }
    }

    /// Whether the checkpoint thread has announced a WAL cycle the writer has not finished yet.
    public var isWALCycleDue: Bool { checkpointer?.cycleDue.load(ordering: .acquiring) ?? false }

    /// How many times the checkpoint thread has synced the database after copying pages.
    public var backgroundDatabaseSyncs: Int { checkpointer?.databaseSyncs.load(ordering: .relaxed) ?? 0 }

    /// Stops the background checkpoints (at shutdown; idempotent).
    public func stopBackgroundCheckpoints() { checkpointer?.stop() }

    /// Reads every current value, the last sequence and the saved clock.
    public func load() throws(StoreError) -> LoadedState {
        var values: [String: StoredValue] = [:]
        let header = try load(reservingCapacity: { values.reserveCapacity($0) }) { values[$0.key] = $0 }
        return LoadedState(values: values, lastSequence: header.lastSequence, clock: header.clock)
    }

    /// Streams every current value (tombstones included) to `visit`, after telling
    /// `reservingCapacity` how many there are; returns the last sequence and the saved clock.
    ///
    /// Start-up reads a million rows here, so the rows are read through SQLite's own cursor
    /// (GRDB's `Row` costs an allocation and a lookup per column).
    public func load(
        reservingCapacity: (Int) -> Void = { _ in }, _ visit: (StoredValue) -> Void
    ) throws(StoreError) -> (lastSequence: UInt64, clock: LogicalTime) {
        do {
            return try pool.read { db in
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM kv") ?? 0
                reservingCapacity(count)
                let statement = try db.makeStatement(
                    sql: "SELECT key, body, wall, counter, origin, uuid, sequence, ttl, expires_at FROM kv")
                try RawRows(statement.sqliteStatement).forEach { row in visit(row.storedValue()) }
                let sequence = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'last_sequence'") ?? 0
                let wall = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'clock_wall'") ?? 0
                let counter = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'clock_counter'") ?? 0
                return (
                    UInt64(sequence), LogicalTime(wallMilliseconds: UInt64(wall), counter: UInt32(clamping: counter))
                )
            }
        } catch {
            throw Self.wrap(error, "loading the store")
        }
    }

    /// Writes one batch in one transaction; nothing of it is stored when this throws.
    public func commit(_ batch: StoreBatch) throws(StoreError) { try commit([batch]) }

    /// Writes batches, in order, in one transaction (one sync for them all): the same rows as
    /// committing them one after another (a later batch's value of a key wins; the sequence and
    /// clock stored are the last batch's), without copying every row into one batch first.
    /// Nothing of them is stored when this throws.
    public func commit(_ batches: [StoreBatch]) throws(StoreError) {
        guard let last = batches.last else { return }
        do {
            try pool.write { db in
                // History first: each key's chain head is read once per commit and then followed in
                // memory, so a write costs one history insert and the value's upsert carries the head.
                let heads = try Self.appendHistory(batches, db: db)
                let upsert = try db.cachedStatement(
                    sql: """
                        INSERT INTO kv (key, body, wall, counter, origin, uuid, sequence, ttl, expires_at, history_last)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET body = excluded.body, wall = excluded.wall,
                          counter = excluded.counter, origin = excluded.origin, uuid = excluded.uuid,
                          sequence = excluded.sequence, ttl = excluded.ttl, expires_at = excluded.expires_at,
                          history_last = COALESCE(excluded.history_last, kv.history_last)
                        """)
                let values = RawStatement(upsert)
                defer { values.clearBindings() }
                var row = RowBytes()
                var headsWritten = Set<String>()
                for value in batches.lazy.flatMap(\.values) {
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
                    let head = heads[value.key]
                    values.bind(10, head)
                    try row.execute(values)
                    if head != nil { headsWritten.insert(value.key) }
                }
                // Keys with outcomes but no new value in this commit (superseded, refused): the head moves
                // in their value's row, else in `history_head`.
                let moveHead = RawStatement(try db.cachedStatement(sql: "UPDATE kv SET history_last = ? WHERE key = ?"))
                let moveHeadWithoutValue = RawStatement(
                    try db.cachedStatement(sql: "INSERT OR REPLACE INTO history_head (key, last) VALUES (?, ?)"))
                for (key, head) in heads where !headsWritten.contains(key) {
                    moveHead.bind(1, head)
                    moveHead.bind(2, key)
                    try moveHead.execute()
                    if db.changesCount == 0 {
                        moveHeadWithoutValue.bind(1, key)
                        moveHeadWithoutValue.bind(2, head)
                        try moveHeadWithoutValue.execute()
                    }
                }
                let seen = RawStatement(
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO seen_uuid (uuid, key, fingerprint) VALUES (?, ?, ?)"))
                defer { seen.clearBindings() }
                for write in batches.lazy.flatMap(\.seen) {
                    row.reset()
                    row.blob(1, write.uuid)
                    row.text(2, write.key, for: seen)
                    seen.bind(3, Int64(bitPattern: write.fingerprint))
                    try row.execute(seen)
                }
                let meta = try db.cachedStatement(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)")
                try meta.execute(arguments: ["last_sequence", Int64(last.lastSequence)])
                try meta.execute(arguments: ["clock_wall", Int64(last.clock.wallMilliseconds)])
                try meta.execute(arguments: ["clock_counter", Int64(last.clock.counter)])
            }
            // Committed: the lookup's filter must know these uuids before anyone hears of them.
            seenFilter.committed(batches)
        } catch {
            let values = batches.reduce(0) { $0 + $1.values.count }
            let outcomes = batches.reduce(0) { $0 + $1.history.count }
            throw Self.wrap(error, "committing \(values) values and \(outcomes) outcomes")
        }
    }

    /// Inserts the outcomes in order, each naming its key's previous row; returns every key's
    /// newest row. A key's head before the commit is read once (its value's row, else `history_head`).
    private static func appendHistory(_ batches: [StoreBatch], db: Database) throws -> [String: Int64] {
        var heads: [String: Int64] = [:]
        let count = batches.reduce(0) { $0 + $1.history.count }
        guard count > 0 else { return heads }
        heads.reserveCapacity(count)
        let lookup = RawStatement(
            try db.cachedStatement(
                sql: """
                    SELECT COALESCE((SELECT history_last FROM kv WHERE key = ?1),
                      (SELECT last FROM history_head WHERE key = ?1))
                    """))
        let history = RawStatement(
            try db.cachedStatement(
                sql: """
                    INSERT INTO history (at, key, status, reason, detail, wall, counter, origin, principal,
                      uuid, body, sequence, channel, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """))
        defer { history.clearBindings() }
        var row = RowBytes()
        for entry in batches.lazy.flatMap(\.history) {
            let previous: Int64?
            if let known = heads[entry.key] {
                previous = known
            } else {
                lookup.bind(1, entry.key)
                previous = try lookup.integerOrNil()
            }
            row.reset()
            history.bind(1, Int64(entry.atMilliseconds))
            row.text(2, entry.key, for: history)
            row.text(3, entry.status, for: history)
            row.text(4, entry.reason, for: history)
            row.text(5, entry.detail, for: history)
            history.bind(6, entry.stamp.map { Int64($0.wallMilliseconds) })
            history.bind(7, entry.stamp.map { Int64($0.counter) })
            row.text(8, entry.stamp?.origin, for: history)
            row.text(9, entry.principal, for: history)
            row.blob(10, entry.uuid)
            row.blob(11, entry.body)
            history.bind(12, Int64(entry.sequence))
            row.text(13, entry.channel, for: history)
            history.bind(14, previous)
            try row.execute(history)
            heads[entry.key] = db.lastInsertedRowID
        }
        return heads
    }

    /// A lookup of seen uuids with a connection of its own, for the thread that decides writes.
    /// It asks the store's uuid filter first, which this fills from the table: at once when the
    /// table holds at most `filterInlineLimit` uuids, else on a thread of its own (see
    /// ``SeenFilter``).
    public func makeSeenLookup(filterInlineLimit: Int = 200_000) throws(StoreError) -> SeenLookup {
        let lookup = try SeenLookup(path: path, filter: seenFilter)
        seenFilter.startBuilding(pool: pool, inlineLimit: filterInlineLimit)
        return lookup
    }

    /// Why the seen uuids could not be read into the lookup's filter (nil when they were, or are
    /// still being read): every uuid is then looked up in the database, as without a filter.
    public var uuidFilterFailure: String? { seenFilter.failure }

    /// Whether the lookup's filter is still being filled from the table.
    public var isUUIDFilterPending: Bool { seenFilter.isPending }

    /// The seen-write record for each uuid that has one.
    public func seenWrites(_ uuids: [[UInt8]]) throws(StoreError) -> [[UInt8]: SeenWrite] {
        guard !uuids.isEmpty else { return [:] }
        do {
            return try pool.read { db in
                var found: [[UInt8]: SeenWrite] = [:]
                // One lookup per write of every batch: through SQLite's C interface.
                let lookup = RawStatement(
                    try db.cachedStatement(sql: "SELECT key, fingerprint FROM seen_uuid WHERE uuid = ?"))
                for uuid in Set(uuids) {
                    lookup.bind(1, uuid)
                    try RawRows(lookup.statement).forEach { row in
                        found[uuid] = SeenWrite(
                            uuid: uuid, key: row.text(0), fingerprint: UInt64(bitPattern: row.integer(1)))
                    }
                }
                return found
            }
        } catch {
            throw Self.wrap(error, "looking up uuids")
        }
    }

    /// The audit trail of one key: its latest `limit` outcomes, oldest first. Read by following
    /// the key's chain from its newest row (see the `v2-history-chain` migration).
    public func history(forKey key: String, limit: Int = 1000) throws(StoreError) -> [HistoryEntry] {
        do {
            return try pool.read { db in
                var next = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE((SELECT history_last FROM kv WHERE key = ?1),
                          (SELECT last FROM history_head WHERE key = ?1))
                        """, arguments: [key])
                let row = try db.cachedStatement(
                    sql: """
                        SELECT at, key, status, reason, detail, wall, counter, origin, principal, uuid, body,
                          sequence, channel, previous FROM history WHERE id = ?
                        """)
                var newestFirst: [HistoryEntry] = []
                while let id = next, newestFirst.count < limit,
                    let found = try Row.fetchOne(row, arguments: [id]), found[1] as String == key
                {
                    newestFirst.append(Self.historyEntry(found))
                    next = found[13]
                }
                return newestFirst.reversed()
            }
        } catch {
            throw Self.wrap(error, "reading the history of \(key)")
        }
    }

    /// How many history rows hold each status (for tests and status output).
    public func historyCounts() throws(StoreError) -> [String: Int] {
        do {
            return try pool.read { db in
                var counts: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM history GROUP BY status") {
                    counts[row[0]] = row[1]
                }
                return counts
            }
        } catch {
            throw Self.wrap(error, "counting history")
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` when the database is sound.
    public func integrityCheck() throws(StoreError) -> [String] {
        do {
            return try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
        } catch {
            throw Self.wrap(error, "checking integrity")
        }
    }

    static func historyEntry(_ row: Row) -> HistoryEntry {
        var stamp: Stamp?
        if let wall = row[5] as Int64?, let counter = row[6] as Int64?, let origin = row[7] as String? {
            stamp = Stamp(wallMilliseconds: UInt64(wall), counter: UInt32(clamping: counter), origin: origin)
        }
        let uuid: Data = row[9]
        let body: Data = row[10]
        return HistoryEntry(
            atMilliseconds: UInt64(row[0] as Int64), key: row[1], status: row[2], reason: row[3], detail: row[4],
            stamp: stamp, principal: row[8], uuid: [UInt8](uuid), body: [UInt8](body),
            sequence: UInt64(row[11] as Int64), channel: row[12])
    }

    static func wrap(_ error: any Error, _ operation: String) -> StoreError {
        if let error = error as? DatabaseError {
            return StoreError(
                operation: operation, message: error.message ?? "\(error)", code: error.resultCode.primaryResultCode.rawValue)
        }
        return StoreError(operation: operation, message: "\(error)")
    }
}
