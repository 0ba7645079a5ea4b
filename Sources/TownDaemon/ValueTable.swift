import TownStore

/// Every key's current value (tombstones included): the values in one dense array and an index
/// from key to position. A dictionary of values would keep a 96-byte value in every bucket, and at
/// a million keys it has two million buckets; here a bucket holds a key and a 4-byte position,
/// and scanning every value (snapshots, start-up) walks memory in order.
public struct ValueTable: Sendable, Equatable, Sequence {
    private var slots: [StoredValue] = []
    private var index: [String: Int32] = [:]

    public init() {}

    /// How many keys the table holds.
    public var count: Int { slots.count }

    /// Makes room for `capacity` keys in all (start-up knows how many it will load).
    public mutating func reserveCapacity(_ capacity: Int) {
        slots.reserveCapacity(capacity)
        index.reserveCapacity(capacity)
    }

    /// The value of `key`; setting nil removes the key (the last value moves into its place).
    public subscript(key: String) -> StoredValue? {
        get { index[key].map { slots[Int($0)] } }
        set {
            if let newValue {
                precondition(newValue.key == key, "a value is stored under its own key")
                if let slot = index[key] {
                    slots[Int(slot)] = newValue
                } else {
                    index[key] = Int32(slots.count)
                    slots.append(newValue)
                }
            } else if let slot = index.removeValue(forKey: key).map(Int.init) {
                let last = slots.count - 1
                if slot != last {
                    slots.swapAt(slot, last)
                    index[slots[slot].key] = Int32(slot)
                }
                slots.removeLast()
            }
        }
    }

    /// Adds or replaces a value; one index lookup when the key is new (start-up adds a million).
    public mutating func insert(_ value: StoredValue) {
        if let slot = index.updateValue(Int32(slots.count), forKey: value.key) {
            index[value.key] = slot
            slots[Int(slot)] = value
        } else {
            slots.append(value)
        }
    }

    public func makeIterator() -> IndexingIterator<[StoredValue]> { slots.makeIterator() }

    public static func == (lhs: ValueTable, rhs: ValueTable) -> Bool {
        lhs.count == rhs.count && lhs.slots.allSatisfy { rhs[$0.key] == $0 }
    }
}
