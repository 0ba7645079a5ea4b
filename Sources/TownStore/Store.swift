import Foundation
import GRDB
import Synchronization
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

    /// The keys whose newest state is in `history` but not yet in `kv`, and whether they have
    /// been read back from `history` since the store opened (``replayIfNeeded(_:)``).
    let deferred = Mutex((values: DeferredValues(), isReplayed: false))
    /// The seen uuids whose only record is a `history` row, and whether they have been read back
    /// since the store opened (``replaySeenIfNeeded(_:)``). Held briefly: the socket loop's
    /// lookups ask it.
    let seenState = Mutex((seen: DeferredSeen(), isReplayed: false))
    /// How long values may wait in `history` before they are written to `kv`, and how seen uuids
    /// are written out.
    let deferredLimits: DeferredLimits

    /// Opens (creating if needed) and migrates the database at `path`. With
    /// `backgroundCheckpoints`, a thread of its own copies the WAL into the database, so no commit
    /// stalls for that (townd); SQLite's automatic checkpoint then waits for a much larger WAL, and
    /// the WAL starts over once it holds `walCycleFrames` pages (see ``finishWALCycleIfDue()``).
    public init(
        path: String, synchronous: SynchronousMode = .full, backgroundCheckpoints: Bool = false,
        walCycleFrames: Int = 32_768, deferredLimits: DeferredLimits = DeferredLimits()
    ) throws(StoreError) {
        self.path = path
        self.deferredLimits = deferredLimits
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
    /// `reservingCapacity` how many there are (at most); returns the last sequence and the saved
    /// clock. Values still waiting in `history` (``DeferredValues``) are given in place of their
    /// older `kv` rows.
    ///
    /// Start-up reads a million rows here, so the rows are read through SQLite's own cursor
    /// (GRDB's `Row` costs an allocation and a lookup per column).
    public func load(
        reservingCapacity: (Int) -> Void = { _ in }, _ visit: (StoredValue) -> Void
    ) throws(StoreError) -> (lastSequence: UInt64, clock: LogicalTime) {
        do {
            // A commit running meanwhile may move a waiting value into `kv`: of the two, the one
            // with the greater sequence is given (the store is loaded before commits start).
            let waiting = try deferred.withLock { state in
                try replayIfNeeded(&state)
                return state.values.waitingValues
            }
            return try pool.read { db in
                let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM kv") ?? 0
                reservingCapacity(count + waiting.count)
                let statement = try db.makeStatement(
                    sql: "SELECT key, body, wall, counter, origin, uuid, sequence, ttl, expires_at FROM kv")
                if waiting.isEmpty {
                    try RawRows(statement.sqliteStatement).forEach { row in visit(row.storedValue()) }
                } else {
                    var given = Set<String>()
                    given.reserveCapacity(waiting.count)
                    try RawRows(statement.sqliteStatement).forEach { row in
                        let stored = row.storedValue()
                        if let waitingValue = waiting[stored.key] {
                            given.insert(stored.key)
                            visit(waitingValue.sequence >= stored.sequence ? waitingValue : stored)
                        } else {
                            visit(stored)
                        }
                    }
                    for (key, value) in waiting where !given.contains(key) { visit(value) }
                }
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

    /// A lookup of seen uuids with a connection of its own, for the thread that decides writes.
    /// It asks the store's uuid filter first, which this fills from the table: at once when the
    /// table holds at most `filterInlineLimit` uuids, else on a thread of its own (see
    /// ``SeenFilter``).
    public func makeSeenLookup(filterInlineLimit: Int = 200_000) throws(StoreError) -> SeenLookup {
        let lookup = try SeenLookup(path: path, filter: seenFilter, store: self)
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
            return try withSeenSnapshot(uuids) { waiting, runs in
                try pool.read { db in
                    var found: [[UInt8]: SeenWrite] = [:]
                    let statements = SeenStatements(
                        table: RawStatement(try db.cachedStatement(sql: SeenStatements.tableSQL)),
                        block: RawStatement(try db.cachedStatement(sql: SeenStatements.blockSQL)),
                        historyRow: RawStatement(try db.cachedStatement(sql: SeenStatements.historyRowSQL)))
                    try Self.lookUpSeen(
                        Array(Set(uuids)), waiting: waiting, runs: runs, statements: statements, into: &found)
                    return found
                }
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
                // The key's newest row: among the rows `kv` may not reflect yet (see
                // ``DeferredValues``), else the head kept with its value or in `history_head`.
                var next = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT COALESCE(
                          (SELECT MAX(id) FROM history
                            WHERE id > (SELECT value FROM meta WHERE name = 'kv_through') AND key = ?1),
                          (SELECT history_last FROM kv WHERE key = ?1),
                          (SELECT last FROM history_head WHERE key = ?1))
                        """, arguments: [key])
                let row = try db.cachedStatement(
                    sql: """
                        SELECT at, key, status, reason, detail, wall, counter, origin, principal, uuid, body,
                          sequence, channel, previous, ttl, fingerprint FROM history WHERE id = ?
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
            sequence: UInt64(row[11] as Int64), channel: row[12],
            ttlSeconds: (row[14] as Int64?).map { UInt32(clamping: $0) },
            seenFingerprint: (row[15] as Int64?).map { UInt64(bitPattern: $0) })
    }

    static func wrap(_ error: any Error, _ operation: String) -> StoreError {
        if let error = error as? DatabaseError {
            return StoreError(
                operation: operation, message: error.message ?? "\(error)",
                code: error.resultCode.primaryResultCode.rawValue)
        }
        return StoreError(operation: operation, message: "\(error)")
    }
}
