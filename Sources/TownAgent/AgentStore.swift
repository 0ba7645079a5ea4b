import Foundation
import GRDB
import TownMerge
import TownWire

/// The agent's durable state in SQLite: the outbox, what was delivered, the mirror of the town's
/// values for this village, and the agent's clock. Every change is one transaction.
public final class AgentStore: Sendable {
    let pool: DatabasePool
    public let path: String
    /// This agent's writer id, `village:<vid>`.
    public let origin: String
    let physical: any PhysicalClock

    public init(path: String, origin: String, physicalClock: any PhysicalClock = SystemClock()) throws(AgentError) {
        self.path = path
        self.origin = origin
        self.physical = physicalClock
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB's pool sets `synchronous = NORMAL` on its writer after `prepareDatabase`: an
            // entry the staff saved must survive power loss, so FULL again on the writer.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try AgentStoreMigrations.migrator.migrate(pool)
        } catch {
            throw .storage("cannot open the agent's state at \(path): \(error)")
        }
    }

    // MARK: clock

    static func loadClock(_ db: Database, origin: String, physical: any PhysicalClock) throws -> HybridLogicalClock {
        let wall = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'clock_wall'") ?? 0
        let counter = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'clock_counter'") ?? 0
        // The daemon's clock is adopted whatever its distance: it is the authority.
        return HybridLogicalClock(
            origin: origin, physicalClock: physical, maximumOffsetMilliseconds: .max,
            restoring: LogicalTime(wallMilliseconds: UInt64(wall), counter: UInt32(clamping: counter)))
    }

    static func saveClock(_ db: Database, _ clock: HybridLogicalClock) throws {
        try setMeta(db, "clock_wall", Int64(clock.current.wallMilliseconds))
        try setMeta(db, "clock_counter", Int64(clock.current.counter))
    }

    static func setMeta(_ db: Database, _ name: String, _ value: Int64) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", arguments: [name, value])
    }

    static func meta(_ db: Database, _ name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name])
    }

    /// The agent clock's last time.
    public func clock() throws(AgentError) -> LogicalTime {
        try read { db in try Self.loadClock(db, origin: self.origin, physical: self.physical).current }
    }

    // MARK: outbox

    /// Stamps each figure with the agent's clock at this moment and puts it in the outbox, all
    /// in one transaction: when this returns, the figures survive a power cut.
    @discardableResult
    public func enqueue(_ figures: [(key: String, value: String, ttl: UInt32?)]) throws(AgentError) -> [OutboxEntry] {
        try write { db in
            var clock = try Self.loadClock(db, origin: self.origin, physical: self.physical)
            let now = self.physical.nowMilliseconds()
            var entries: [OutboxEntry] = []
            for figure in figures {
                let stamp = try clock.now()
                let uuid = Self.newUUID()
                try db.execute(
                    sql: """
                        INSERT INTO outbox (uuid, key, value, wall, counter, origin, ttl, entered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        Data(uuid), figure.key, figure.value, Int64(stamp.wallMilliseconds), Int64(stamp.counter),
                        stamp.origin, figure.ttl.map { Int64($0) }, Int64(now),
                    ])
                entries.append(
                    OutboxEntry(
                        id: db.lastInsertedRowID, uuid: uuid, key: figure.key, value: figure.value, stamp: stamp,
                        ttlSeconds: figure.ttl, state: .pending, restamped: false, enteredAtMilliseconds: now))
            }
            try Self.saveClock(db, clock)
            return entries
        }
    }

    /// Entries in the outbox, oldest first.
    public func outbox(state: OutboxEntry.State? = nil) throws(AgentError) -> [OutboxEntry] {
        try read { db in
            let filter = state.map { "WHERE state = '\($0.rawValue)'" } ?? ""
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT id, uuid, key, value, wall, counter, origin, ttl, state, reason, detail, restamped, entered_at
                    FROM outbox \(filter) ORDER BY id
                    """
            ).map(Self.outboxEntry)
        }
    }

    static func outboxEntry(_ row: Row) -> OutboxEntry {
        let uuid: Data = row[1]
        return OutboxEntry(
            id: row[0], uuid: [UInt8](uuid), key: row[2], value: row[3],
            stamp: Stamp(wallMilliseconds: UInt64(row[4] as Int64), counter: UInt32(clamping: row[5] as Int64), origin: row[6]),
            ttlSeconds: (row[7] as Int64?).map { UInt32(clamping: $0) },
            state: OutboxEntry.State(rawValue: row[8]) ?? .pending, reason: row[9], detail: row[10],
            restamped: (row[11] as Int64) != 0, enteredAtMilliseconds: UInt64(row[12] as Int64))
    }

    /// A time-ordered uuid (see ``WriteID``), cheaper for townd to index than a random one.
    public static func newUUID() -> [UInt8] { WriteID.make() }

    /// SQLite's `synchronous` level on the connection that writes (2: full).
    public func writerSynchronousLevel() throws(AgentError) -> Int {
        try write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    // MARK: plumbing

    func read<T>(_ body: (Database) throws -> T) throws(AgentError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw .storage("reading \(path): \(error)")
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(AgentError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw .storage("writing \(path): \(error)")
        }
    }
}

extension AgentStore {
    /// A fresh stamp from the agent's clock (for writes that skip the outbox, like presence).
    public func stamp() throws(AgentError) -> Stamp {
        try write { db in
            var clock = try Self.loadClock(db, origin: self.origin, physical: self.physical)
            let stamp = try clock.now()
            try Self.saveClock(db, clock)
            return stamp
        }
    }
}
