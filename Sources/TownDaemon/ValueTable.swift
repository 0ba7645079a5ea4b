import TownStore

/// Every key's current value (tombstones included): the values in one dense array and an
/// open-addressing index of 4-byte positions into it, hashed by the values' own keys.
///
/// A dictionary of values kept a 96-byte value in each of two million buckets at a million keys;
/// a dictionary from key to position still kept a 16-byte key beside each position. Here a bucket
/// is the position alone (the key is read from the value), and scanning every value (snapshots,
/// start-up) walks memory in order. Linear probing, at most half full; removal shifts the
/// following entries back, so there are no tombstones.
public struct ValueTable: Sendable, Equatable, Sequence {
    private var slots: [StoredValue] = []
    /// Bucket -> position in `slots`, or `empty`. The count is a power of two (or zero).
    private var buckets: [Int32] = []
    private static let empty: Int32 = -1

    public init() {}

    /// How many keys the table holds.
    public var count: Int { slots.count }

    /// Makes room for `capacity` keys in all (start-up knows how many it will load).
    public mutating func reserveCapacity(_ capacity: Int) {
        slots.reserveCapacity(capacity)
        if Self.bucketCount(for: capacity) > buckets.count { rebuild(bucketCount: Self.bucketCount(for: capacity)) }
    }

    /// The value of `key`; setting nil removes the key (the last value moves into its place).
    public subscript(key: String) -> StoredValue? {
        get { find(key).position.map { slots[Int($0)] } }
        set {
            if let newValue {
                precondition(newValue.key == key, "a value is stored under its own key")
                insert(newValue)
            } else {
                remove(key)
            }
        }
    }

    /// Adds or replaces a value (one probe sequence either way).
    public mutating func insert(_ value: StoredValue) {
        if Self.bucketCount(for: slots.count + 1) > buckets.count {
            rebuild(bucketCount: Self.bucketCount(for: slots.count + 1))
        }
        let found = find(value.key)
        if let position = found.position {
            slots[Int(position)] = value
        } else {
            buckets[found.bucket] = Int32(slots.count)
            slots.append(value)
        }
    }

    public func makeIterator() -> IndexingIterator<[StoredValue]> { slots.makeIterator() }

    public static func == (lhs: ValueTable, rhs: ValueTable) -> Bool {
        lhs.count == rhs.count && lhs.slots.allSatisfy { rhs[$0.key] == $0 }
    }

    // MARK: - The index

    /// Buckets for `count` keys: a power of two, at least twice the count.
    private static func bucketCount(for count: Int) -> Int {
        var buckets = 16
        while buckets < count * 2 { buckets <<= 1 }
        return buckets
    }

    private func home(of key: String) -> Int { key.hashValue & (buckets.count - 1) }

    /// The bucket holding `key` and its position, or the empty bucket where it would go.
    private func find(_ key: String) -> (bucket: Int, position: Int32?) {
        guard !buckets.isEmpty else { return (0, nil) }
        let mask = buckets.count - 1
        var bucket = home(of: key)
        while true {
            let position = buckets[bucket]
            if position == Self.empty { return (bucket, nil) }
            if slots[Int(position)].key == key { return (bucket, position) }
            bucket = (bucket + 1) & mask
        }
    }

    private mutating func rebuild(bucketCount: Int) {
        buckets = [Int32](repeating: Self.empty, count: bucketCount)
        let mask = bucketCount - 1
        for (position, value) in slots.enumerated() {
            var bucket = home(of: value.key)
            while buckets[bucket] != Self.empty { bucket = (bucket + 1) & mask }
            buckets[bucket] = Int32(position)
        }
    }

    private mutating func remove(_ key: String) {
        let found = find(key)
        guard let position = found.position.map(Int.init) else { return }
        clear(bucket: found.bucket)
        // The last value moves into the freed position; its bucket follows it.
        let last = slots.count - 1
        if position != last {
            let moved = find(slots[last].key).bucket
            slots.swapAt(position, last)
            buckets[moved] = Int32(position)
        }
        slots.removeLast()
    }

    /// Empties a bucket and shifts back the entries after it that would otherwise become
    /// unreachable from their home bucket (linear probing without tombstones).
    private mutating func clear(bucket start: Int) {
        let mask = buckets.count - 1
        var hole = start
        var next = (start + 1) & mask
        buckets[hole] = Self.empty
        while buckets[next] != Self.empty {
            let home = home(of: slots[Int(buckets[next])].key)
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
}
