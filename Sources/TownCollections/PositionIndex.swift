/// An open-addressing hash index from keys to positions in an array the caller keeps.
///
/// A bucket holds a 4-byte position and nothing else: the index never stores a key, it asks the
/// caller for the hash of the entry at a position and whether that entry matches. A dictionary
/// from key to position keeps a copy of each key beside it (16 bytes or more per entry); here a
/// million entries cost 8 MiB. Linear probing, at most half full; removal shifts the following
/// entries back, so there are no tombstones.
public struct PositionIndex: Sendable, Equatable {
    /// Bucket -> position, or `empty`. The count is a power of two (or zero).
    private var buckets: [Int32] = []
    private static let empty: Int32 = -1

    /// Where a probe for a key ended: the bucket holding it and its position, or the empty bucket
    /// where it would go.
    public struct Probe: Sendable {
        public let bucket: Int
        public let position: Int32?
    }

    public init() {}

    /// Makes room for `count` entries; `hash` gives the hash of the entry at a position (the
    /// index is rebuilt from positions 0..<`existing` when it grows).
    public mutating func reserve(count: Int, existing: Int, hash: (Int32) -> Int) {
        let wanted = Self.bucketCount(for: count)
        guard wanted > buckets.count else { return }
        buckets = [Int32](repeating: Self.empty, count: wanted)
        let mask = wanted - 1
        for position in 0..<Int32(existing) {
            var bucket = hash(position) & mask
            while buckets[bucket] != Self.empty { bucket = (bucket + 1) & mask }
            buckets[bucket] = position
        }
    }

    /// Probes for the entry with this hash for which `matches` says yes.
    @inline(__always)
    public func find(hash: Int, matches: (Int32) -> Bool) -> Probe {
        guard !buckets.isEmpty else { return Probe(bucket: 0, position: nil) }
        let mask = buckets.count - 1
        var bucket = hash & mask
        while true {
            let position = buckets[bucket]
            if position == Self.empty { return Probe(bucket: bucket, position: nil) }
            if matches(position) { return Probe(bucket: bucket, position: position) }
            bucket = (bucket + 1) & mask
        }
    }

    /// Points a bucket (from ``find(hash:matches:)``) at a position; the caller has reserved room.
    public mutating func set(bucket: Int, to position: Int32) {
        buckets[bucket] = position
    }

    /// Empties a bucket and shifts back the entries after it that would otherwise become
    /// unreachable from their home bucket; `hash` gives the hash of the entry at a position.
    public mutating func clear(bucket start: Int, hash: (Int32) -> Int) {
        let mask = buckets.count - 1
        var hole = start
        var next = (start + 1) & mask
        buckets[hole] = Self.empty
        while buckets[next] != Self.empty {
            let home = hash(buckets[next]) & mask
            // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
            let homeAfterHole = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !homeAfterHole {
                buckets[hole] = buckets[next]
                buckets[next] = Self.empty
                hole = next
            }
            next = (next + 1) & mask
        }
    }

    /// Buckets for `count` entries: a power of two, at least twice the count.
    static func bucketCount(for count: Int) -> Int {
        var buckets = 16
        while buckets < count * 2 { buckets <<= 1 }
        return buckets
    }
}
