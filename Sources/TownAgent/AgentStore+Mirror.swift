import Foundation
import GRDB
import TownMerge
import TownWire

extension AgentStore {
    /// Replaces the mirror of a subtree with a snapshot's contents.
    public func replaceMirror(subtree: String, values: [KVMessage], sequence: UInt64) throws(AgentError) {
        try write { db in
            try db.execute(sql: "DELETE FROM mirror WHERE substr(key, 1, ?) = ?", arguments: [subtree.utf8.count, subtree])
            for message in values { try Self.upsertMirror(db, message) }
            try Self.setMeta(db, "mirror_sequence", Int64(sequence))
            try Self.setMeta(db, "last_contact", Int64(self.physical.nowMilliseconds()))
        }
    }

    /// Applies one published change (an empty body deletes).
    public func applyToMirror(_ message: KVMessage) throws(AgentError) {
        try write { db in
            if message.body.isEmpty {
                try db.execute(sql: "DELETE FROM mirror WHERE key = ?", arguments: [message.key])
            } else {
                try Self.upsertMirror(db, message)
            }
            try Self.setMeta(db, "mirror_sequence", Int64(message.sequence))
        }
    }

    static func upsertMirror(_ db: Database, _ message: KVMessage) throws {
        let stamp = try? message.stamp()
        try db.execute(
            sql: "INSERT OR REPLACE INTO mirror (key, value, wall, counter, origin, sequence) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [
                message.key, String(decoding: message.body, as: UTF8.self), stamp.map { Int64($0.wallMilliseconds) },
                stamp.map { Int64($0.counter) }, stamp?.origin, Int64(message.sequence),
            ])
    }

    /// The mirror, key by key.
    public func mirror(prefix: String = "") throws(AgentError) -> [MirrorEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT key, value, wall, counter, origin, sequence FROM mirror WHERE substr(key, 1, ?) = ? ORDER BY key",
                arguments: [prefix.utf8.count, prefix]
            ).map { row in
                var stamp: Stamp?
                if let wall = row[2] as Int64?, let counter = row[3] as Int64?, let origin = row[4] as String? {
                    stamp = Stamp(wallMilliseconds: UInt64(wall), counter: UInt32(clamping: counter), origin: origin)
                }
                return MirrorEntry(key: row[0], value: row[1], stamp: stamp, sequence: UInt64(row[5] as Int64))
            }
        }
    }

    /// The sequence the mirror reflects.
    public func mirrorSequence() throws(AgentError) -> UInt64 {
        try read { db in UInt64(try Self.meta(db, "mirror_sequence") ?? 0) }
    }
}
