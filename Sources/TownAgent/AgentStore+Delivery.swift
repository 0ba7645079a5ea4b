import Foundation
import GRDB
import TownMerge
import TownWire

extension AgentStore {
    /// What happened to one entry when its reply was recorded.
    public enum Recorded: Sendable, Equatable {
        case delivered(status: String, townValue: String?)
        case failed(reason: String, detail: String)
        /// Refused as `clock-ahead`: restamped from the town's clock, to be sent again.
        case restamped(from: Stamp, to: Stamp)
    }

    /// Records the town's answer to an entry, in one transaction with adopting the town's clock:
    /// `applied`, `duplicate`, `superseded` take the entry out of the outbox (keeping what the town
    /// said); `rejected` keeps it as failed with the reason, except a first `clock-ahead`, which
    /// restamps it from the town's clock for another try.
    @discardableResult
    public func record(_ reply: SubmitReply, for entry: OutboxEntry) throws(AgentError) -> Recorded {
        try write { db in
            var clock = try Self.loadClock(db, origin: self.origin, physical: self.physical)
            _ = try? clock.receive(reply.clock)
            let now = Int64(self.physical.nowMilliseconds())
            try Self.setMeta(db, "last_contact", now)
            defer { try? Self.saveClock(db, clock) }
            switch reply.status {
            case .applied, .duplicate, .superseded:
                let townValue = reply.status == .superseded ? String(decoding: reply.body, as: UTF8.self) : nil
                try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [entry.id])
                try db.execute(
                    sql: """
                        INSERT INTO delivered (key, value, wall, counter, origin, status, town_value, detail, delivered_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        entry.key, entry.value, Int64(entry.stamp.wallMilliseconds), Int64(entry.stamp.counter),
                        entry.stamp.origin, reply.status.rawValue, townValue, reply.detail, now,
                    ])
                return .delivered(status: reply.status.rawValue, townValue: townValue)
            case .rejected:
                if reply.reason == .clockAhead && !entry.restamped {
                    // This PC's clock is ahead of the town's: take the town's time instead, once.
                    let base = reply.clock
                    let stamp = Stamp(
                        time: LogicalTime(wallMilliseconds: base.wallMilliseconds, counter: base.counter &+ 1),
                        origin: entry.stamp.origin)
                    clock = HybridLogicalClock(
                        origin: self.origin, physicalClock: self.physical, maximumOffsetMilliseconds: .max,
                        restoring: stamp.time)
                    try db.execute(
                        sql: "UPDATE outbox SET wall = ?, counter = ?, restamped = 1 WHERE id = ?",
                        arguments: [Int64(stamp.wallMilliseconds), Int64(stamp.counter), entry.id])
                    try Self.setMeta(db, "clock_ahead_ms", Int64(entry.stamp.wallMilliseconds) - Int64(reply.clock.wallMilliseconds))
                    return .restamped(from: entry.stamp, to: stamp)
                }
                let reason = reply.reason?.rawValue ?? "rejected"
                let detail = reply.detail ?? ""
                try db.execute(
                    sql: "UPDATE outbox SET state = 'failed', reason = ?, detail = ? WHERE id = ?",
                    arguments: [reason, detail, entry.id])
                return .failed(reason: reason, detail: detail)
            }
        }
    }

    /// Entries that left the outbox, newest first.
    public func delivered(limit: Int = 200) throws(AgentError) -> [DeliveredEntry] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT key, value, wall, counter, origin, status, town_value, detail, delivered_at
                    FROM delivered ORDER BY id DESC LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                DeliveredEntry(
                    key: row[0], value: row[1],
                    stamp: Stamp(wallMilliseconds: UInt64(row[2] as Int64), counter: UInt32(clamping: row[3] as Int64), origin: row[4]),
                    status: row[5], townValue: row[6], detail: row[7], deliveredAtMilliseconds: UInt64(row[8] as Int64))
            }
        }
    }

    /// Removes failed entries (the accountant has seen them), returning how many.
    @discardableResult
    public func clearFailed() throws(AgentError) -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM outbox WHERE state = 'failed'")
            return db.changesCount
        }
    }

    /// When the town last answered (agent ms), if ever.
    public func lastContact() throws(AgentError) -> UInt64? {
        try read { db in try Self.meta(db, "last_contact").map { UInt64($0) } }
    }

    /// How far ahead of the town this PC's clock was found, in ms (positive: fast), if ever.
    public func clockAheadMilliseconds() throws(AgentError) -> Int64? {
        try read { db in try Self.meta(db, "clock_ahead_ms") }
    }

    /// Adopts a time the town sent (a reply's `clock`).
    public func adopt(_ time: LogicalTime) throws(AgentError) {
        try write { db in
            var clock = try Self.loadClock(db, origin: self.origin, physical: self.physical)
            _ = try? clock.receive(time)
            try Self.saveClock(db, clock)
            try Self.setMeta(db, "last_contact", Int64(self.physical.nowMilliseconds()))
        }
    }
}
