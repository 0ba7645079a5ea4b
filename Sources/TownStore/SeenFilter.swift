import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import TownCollections

/// The seen uuids (in `seen_uuid`, in `seen_block` and waiting in `history`), as a ``UUIDFilter``
/// the socket loop asks before the database: a uuid
/// the filter has never had is certainly new, and needs no lookup (a B-tree search in SQLite, about
/// a tenth of the socket loop's time a write). Only a resend, a reused uuid or the filter's rare
/// false "perhaps" (about 1 in 22,000 for a full layer) is looked up.
///
/// Filled once from the table (see ``startBuilding(pool:inlineLimit:)``), then by the store after
/// each commit with the uuids it wrote; so it knows every uuid committed through this process's
/// store. Another process writing the same database is not followed (townd is the only writer).
/// Until it is built, or if building failed, it answers "perhaps" for every uuid.
final class SeenFilter: Sendable {
    enum Phase: Equatable, Sendable {
        /// Not asked for: commits are not recorded and every uuid is "perhaps".
        case idle
        /// Being filled from the table: committed uuids are kept aside until it is done.
        case building
        case ready
        /// The table could not be read: every uuid stays "perhaps" (lookups as without a filter).
        case failed(String)
    }

    private struct State {
        var phase = Phase.idle
        var filter: UUIDFilter?
        /// Committed while the table was being read (perhaps after the reading's snapshot).
        var recorded: [(UInt64, UInt64)] = []
    }

    private let state = Mutex(State())

    var phase: Phase { state.withLock { $0.phase } }

    /// Why the table could not be read into the filter (nil unless building failed).
    var failure: String? {
        state.withLock { state in
            if case .failed(let reason) = state.phase { return reason }
            return nil
        }
    }

    /// Whether the filter is still to be filled (or being filled).
    var isPending: Bool { state.withLock { $0.phase == .idle || $0.phase == .building } }

    /// How many uuids the filter holds, and the bytes it takes (zero before it is ready).
    var size: (uuids: Int, bytes: Int) {
        state.withLock { ($0.filter?.count ?? 0, $0.filter?.byteCount ?? 0) }
    }

    /// Fills the filter from the table, once: on the calling thread when the table holds at most
    /// `inlineLimit` uuids, else on a thread of its own (townd starts without waiting for a
    /// table of millions; lookups go to the database until the filter is ready).
    func startBuilding(pool: DatabasePool, inlineLimit: Int) {
        guard beginBuilding() else { return }
        // Counted no further than the limit: the start path reads at most that many rows, however
        // many the table holds (a count of the whole table took 22 ms at a million).
        let rows: Int
        do {
            rows = try pool.read { db in
                let inTable =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM seen_uuid LIMIT ?)", arguments: [inlineLimit + 1]) ?? 0
                // A block holds at most `SeenBlock.capacity`.
                let blocks =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM seen_block LIMIT ?)",
                        arguments: [inlineLimit / SeenBlock.capacity + 1]) ?? 0
                return inTable + blocks * SeenBlock.capacity
            }
        } catch {
            finish(.failure(error))
            return
        }
        if rows <= inlineLimit {
            finish(Self.read(pool: pool, expected: rows))
        } else {
            // Sized from a count of its own, off the start path.
            let thread = Thread { [self] in
                ThreadName.setCurrent("townd-uuids")
                finish(Self.read(pool: pool, expected: nil))
            }
            thread.start()
        }
    }

    /// After a commit: the uuids it wrote.
    func committed(_ batches: [StoreBatch]) {
        state.withLock { state in
            switch state.phase {
            case .idle, .failed: return
            case .building:
                Self.forEachSeenUUID(batches) { uuid in
                    if let words = Self.words(uuid) { state.recorded.append(words) }
                }
            case .ready:
                Self.forEachSeenUUID(batches) { uuid in
                    if let words = Self.words(uuid) { state.filter!.insert(words.0, words.1) }
                }
            }
        }
    }

    /// The uuids among `uuids` that may have been seen (all of them until the filter is ready).
    func perhapsSeen(_ uuids: [[UInt8]]) -> [[UInt8]] {
        state.withLock { state in
            guard let filter = state.filter else { return uuids }
            return uuids.filter { uuid in
                guard let words = Self.words(uuid) else { return true }
                return filter.mayContain(words.0, words.1)
            }
        }
    }

    /// Moves from idle to building (false if it was not idle). Before the table is read: every
    /// commit from then on is recorded, so a uuid committed after the reading's snapshot is not
    /// missed.
    func beginBuilding() -> Bool {
        state.withLock { state in
            guard state.phase == .idle else { return false }
            state.phase = .building
            return true
        }
    }

    /// The table has been read (or could not be): the filter, with what was committed meanwhile.
    func finish(_ result: Result<UUIDFilter, any Error>) {
        state.withLock { state in
            switch result {
            case .success(var filter):
                for (first, second) in state.recorded { filter.insert(first, second) }
                state.filter = filter
                state.phase = .ready
            case .failure(let error):
                state.phase = .failed("\(error)")
            }
            state.recorded = []
        }
    }

    /// Every seen uuid, read in one transaction (counted first when `expected` is nil).
    private static func read(pool: DatabasePool, expected: Int?) -> Result<UUIDFilter, any Error> {
        Result {
            try pool.read { db in
                let expected =
                    try expected
                    ?? Int.fetchOne(
                        db,
                        sql: """
                            SELECT (SELECT COUNT(*) FROM seen_uuid)
                              + (SELECT COALESCE(SUM(length(entries)), 0) FROM seen_block) / \(SeenBlock.entryBytes)
                            """) ?? 0
                // Room for the table twice over before the filter grows a layer.
                var filter = UUIDFilter(capacity: max(expected * 2, 65_536))
                // Every seen uuid: in the table, in the runs' blocks (24-byte entries, the uuid
                // first), and waiting in `history`.
                let statement = try db.makeStatement(
                    sql: """
                        SELECT 16, uuid FROM seen_uuid UNION ALL SELECT \(SeenBlock.entryBytes), entries FROM seen_block
                        UNION ALL SELECT 16, uuid FROM history WHERE fingerprint IS NOT NULL
                          AND id > COALESCE((SELECT value FROM meta WHERE name = 'seen_through'), 0)
                        """)
                try RawRows(statement.sqliteStatement).forEach { row in
                    let stride = Int(row.integer(0))
                    let count = Int(sqlite3_column_bytes(row.statement, 1))
                    guard let pointer = sqlite3_column_blob(row.statement, 1) else { return }
                    var offset = 0
                    while offset + stride <= count {
                        if let words = UUIDFilter.words(UnsafeRawBufferPointer(start: pointer + offset, count: 16)) {
                            filter.insert(words.0, words.1)
                        }
                        offset += stride
                    }
                }
                return filter
            }
        }
    }

    /// Each uuid a commit of `batches` made seen: in its seen writes and its history rows.
    private static func forEachSeenUUID(_ batches: [StoreBatch], _ body: ([UInt8]) -> Void) {
        for batch in batches {
            for write in batch.seen { body(write.uuid) }
            for entry in batch.history where entry.seenFingerprint != nil { body(entry.uuid) }
        }
    }

    private static func words(_ uuid: [UInt8]) -> (UInt64, UInt64)? {
        uuid.withUnsafeBytes { UUIDFilter.words($0) }
    }
}
