#if canImport(Glibc)
import Glibc
#endif
import TownCollections
import TownMerge
import TownStore

/// Every key's current value (tombstones included), packed for a million keys and more: the bytes
/// of each value (key, origin, uuid, body) in one arena, its numbers in a dense array of fixed
/// 56-byte records, and an open-addressing index of 4-byte positions hashed by the keys' bytes.
///
/// A value as a `StoredValue` costs a heap string for its key and a heap array for its body
/// (about 130 bytes with their headers, beside a 96-byte value); here the same value is a record
/// plus its bytes. Values are built on the way out (the caller's key string is reused for a
/// lookup); snapshots read the bytes in place through ``forEachEntry(_:)``.
///
/// A changed value is written over its old bytes when it fits there, else appended; the arena is
/// compacted when more than half of it is bytes no value points at any more.
///
/// Records and bytes are kept in chunks (``ChunkedArray``, ``SegmentedBytes``): the snapshot
/// thread sends from a copy of the table, and the socket loop's next write after the copy copies
/// one chunk and one segment instead of the whole table (at a million keys the longest wait for a
/// write's ack during a snapshot went from 178–212 ms to 25–38 ms).
public struct ValueTable: Sendable, Equatable, Sequence {
    // Both in chunks: the snapshot thread's copy of the table shares them, and a write after the
    // copy copies one chunk of records and one segment of bytes, not the whole table.
    private var records = ChunkedArray<Record>()
    private var arena = SegmentedBytes()
    /// Arena bytes no record points at (replaced or removed values).
    private var garbage = 0
    private var index = PositionIndex()

    /// One value's numbers and where its bytes are: key, origin, uuid, body, in that order.
    private struct Record: Sendable {
        /// Where the bytes are in the arena (see ``SegmentedBytes``).
        var address: Int
        var wallMilliseconds: UInt64
        var sequence: UInt64
        var expiresRaw: UInt64
        var counter: UInt32
        var ttlRaw: UInt32
        var bodyLength: UInt32
        var keyLength: UInt16
        var originLength: UInt16
        var uuidLength: UInt16
        var hasTTL: Bool
        var hasExpiry: Bool

        var byteCount: Int { Int(keyLength) + Int(originLength) + Int(uuidLength) + Int(bodyLength) }
    }

    /// One value's parts, read in place (valid only inside the closure it is passed to).
    public struct Entry {
        public let key: UnsafeRawBufferPointer
        public let origin: UnsafeRawBufferPointer
        public let uuid: UnsafeRawBufferPointer
        public let body: UnsafeRawBufferPointer
        public let time: LogicalTime
        public let sequence: UInt64
        public let ttlSeconds: UInt32?

        public var isTombstone: Bool { body.isEmpty }
    }

    public init() {}

    /// How many keys the table holds.
    public var count: Int { records.count }

    /// Bytes of one record (a test keeps it small).
    static var recordStride: Int { MemoryLayout<Record>.stride }

    /// Bytes the arena holds, garbage included (a test checks compaction).
    var arenaByteCount: Int { arena.byteCount }

    /// Makes room for `capacity` keys in all (start-up knows how many it will load).
    public mutating func reserveCapacity(_ capacity: Int) {
        records.reserveCapacity(capacity)
        reserveIndex(for: capacity)
    }

    /// The value of `key`; setting nil removes the key (the last value moves into its place).
    public subscript(key: String) -> StoredValue? {
        get { position(of: key).map { value(at: Int($0), key: key) } }
        set {
            if let newValue {
                precondition(newValue.key == key, "a value is stored under its own key")
                insert(newValue)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Adds or replaces a value (one probe sequence either way); returns the value it replaced.
    @discardableResult
    public mutating func insert(_ value: StoredValue) -> StoredValue? { put(value, returningReplaced: true) }

    /// Adds or replaces a value, without building the value it replaced (for a caller that has it).
    public mutating func update(_ value: StoredValue) { put(value, returningReplaced: false) }

    /// The value of `key` and its position in the table, a hint for ``update(_:at:)`` (positions
    /// move only when a key is removed).
    public func valueAndPosition(_ key: String) -> (value: StoredValue, position: Int)? {
        guard let position = position(of: key).map(Int.init) else { return nil }
        return (value(at: position, key: key), position)
    }

    /// Replaces the value at `position` (from ``valueAndPosition(_:)``) without probing the index,
    /// when the key there is still this value's; otherwise (or with nil) as ``update(_:)``.
    public mutating func update(_ value: StoredValue, at position: Int?) {
        guard let position, position < records.count else { return update(value) }
        var key = value.key
        let replaced = key.withUTF8 { keyBytes -> Bool in
            let keyBytes = UnsafeRawBufferPointer(keyBytes)
            let old = records[position]
            guard holdsKey(old, keyBytes) else { return false }
            records[position] = write(value, keyBytes: keyBytes, over: old)
            return true
        }
        guard replaced else { return update(value) }
        compactIfMostlyGarbage()
    }

    @discardableResult
    private mutating func put(_ value: StoredValue, returningReplaced: Bool) -> StoredValue? {
        var key = value.key
        let replaced = key.withUTF8 { keyBytes -> StoredValue? in
            let hash = ByteHash.of(UnsafeRawBufferPointer(keyBytes))
            reserveIndex(for: records.count + 1)
            let probe = find(UnsafeRawBufferPointer(keyBytes), hash: hash)
            if let position = probe.position.map(Int.init) {
                let old = records[position]
                let replaced = returningReplaced ? self.value(at: position, key: value.key) : nil
                records[position] = write(value, keyBytes: UnsafeRawBufferPointer(keyBytes), over: old)
                return replaced
            }
            index.set(bucket: probe.bucket, to: Int32(records.count))
            records.append(write(value, keyBytes: UnsafeRawBufferPointer(keyBytes), over: nil))
            return nil
        }
        compactIfMostlyGarbage()
        return replaced
    }

    /// Calls `body` with every value's parts in place, in the table's order.
    public func forEachEntry(_ body: (Entry) throws -> Void) rethrows {
        for record in records {
            try arena.withBytes(at: record.address, count: record.byteCount) { bytes in
                let parts = Self.parts(of: record, in: bytes)
                try body(
                    Entry(
                        key: parts.key, origin: parts.origin, uuid: parts.uuid, body: parts.body,
                        time: LogicalTime(wallMilliseconds: record.wallMilliseconds, counter: record.counter),
                        sequence: record.sequence, ttlSeconds: record.hasTTL ? record.ttlRaw : nil))
            }
        }
    }

    public func makeIterator() -> AnyIterator<StoredValue> {
        var position = 0
        return AnyIterator {
            guard position < records.count else { return nil }
            defer { position += 1 }
            return value(at: position, key: nil)
        }
    }

    public static func == (lhs: ValueTable, rhs: ValueTable) -> Bool {
        lhs.count == rhs.count && lhs.allSatisfy { rhs[$0.key] == $0 }
    }

    // MARK: - Records and bytes

    /// The value at a position; `key` (when the caller has it) spares building the key string.
    private func value(at position: Int, key: String?) -> StoredValue {
        let record = records[position]
        return arena.withBytes(at: record.address, count: record.byteCount) { bytes in
            let parts = Self.parts(of: record, in: bytes)
            let stamp = Stamp(
                time: LogicalTime(wallMilliseconds: record.wallMilliseconds, counter: record.counter),
                origin: String(decoding: parts.origin, as: UTF8.self))
            return StoredValue(
                key: key ?? String(decoding: parts.key, as: UTF8.self),
                version: Version(stamp: stamp, body: Array(parts.body), uuidBytes: parts.uuid), sequence: record.sequence,
                ttlSeconds: record.hasTTL ? record.ttlRaw : nil,
                expiresAtMilliseconds: record.hasExpiry ? record.expiresRaw : nil)
        }
    }

    /// A record's bytes (`bytes`, as the arena holds them for it), split: key, origin, uuid, body.
    private static func parts(of record: Record, in bytes: UnsafeRawBufferPointer) -> (
        key: UnsafeRawBufferPointer, origin: UnsafeRawBufferPointer, uuid: UnsafeRawBufferPointer,
        body: UnsafeRawBufferPointer
    ) {
        var start = 0
        func next(_ length: some BinaryInteger) -> UnsafeRawBufferPointer {
            defer { start += Int(length) }
            return UnsafeRawBufferPointer(rebasing: bytes[start..<(start + Int(length))])
        }
        return (next(record.keyLength), next(record.originLength), next(record.uuidLength), next(record.bodyLength))
    }

    /// Writes a value's bytes (over the old record's when they fit, else at the arena's end) and
    /// returns its record.
    private mutating func write(_ value: StoredValue, keyBytes: UnsafeRawBufferPointer, over old: Record?) -> Record {
        var origin = value.version.stamp.origin
        let body = value.version.body
        return origin.withUTF8 { originBytes in
            value.version.withUUIDBytes { uuidBytes in
                precondition(
                    keyBytes.count <= UInt16.max && originBytes.count <= UInt16.max && uuidBytes.count <= UInt16.max
                        && body.count <= UInt32.max, "a value's parts fit their lengths")
                let byteCount = keyBytes.count + originBytes.count + uuidBytes.count + body.count
                let address: Int
                if let old, byteCount <= old.byteCount {
                    address = old.address
                    garbage += old.byteCount - byteCount
                } else {
                    if let old { garbage += old.byteCount }
                    address = arena.append(zeros: byteCount)
                }
                arena.withMutableBytes(at: address, count: byteCount) { bytes in
                    var start = 0
                    func copy(_ part: UnsafeRawBufferPointer) {
                        if !part.isEmpty { (bytes.baseAddress! + start).copyMemory(from: part.baseAddress!, byteCount: part.count) }
                        start += part.count
                    }
                    copy(keyBytes)
                    copy(UnsafeRawBufferPointer(originBytes))
                    copy(uuidBytes)
                    body.withUnsafeBytes { copy($0) }
                }
                return Record(
                    address: address, wallMilliseconds: value.version.stamp.wallMilliseconds, sequence: value.sequence,
                    expiresRaw: value.expiresAtMilliseconds ?? 0, counter: value.version.stamp.counter,
                    ttlRaw: value.ttlSeconds ?? 0, bodyLength: UInt32(body.count), keyLength: UInt16(keyBytes.count),
                    originLength: UInt16(originBytes.count), uuidLength: UInt16(uuidBytes.count),
                    hasTTL: value.ttlSeconds != nil, hasExpiry: value.expiresAtMilliseconds != nil)
            }
        }
    }

    /// Rewrites the arena with only the bytes records point at, in record order.
    private mutating func compact() {
        var packed = SegmentedBytes()
        for position in records.indices {
            let record = records[position]
            let address = packed.append(zeros: record.byteCount)
            arena.withBytes(at: record.address, count: record.byteCount) { old in
                packed.withMutableBytes(at: address, count: record.byteCount) { new in new.copyMemory(from: old) }
            }
            records[position].address = address
        }
        arena = packed
        garbage = 0
    }

    private mutating func compactIfMostlyGarbage() {
        if garbage > 4_096 && garbage * 2 > arena.byteCount { compact() }
    }

    // MARK: - The index

    private static func hash(at position: Int32, records: ChunkedArray<Record>, arena: SegmentedBytes) -> Int {
        let record = records[Int(position)]
        return arena.withBytes(at: record.address, count: Int(record.keyLength)) { ByteHash.of($0) }
    }

    private mutating func reserveIndex(for count: Int) {
        let (records, arena) = (self.records, self.arena)
        index.reserve(count: count, existing: records.count) { Self.hash(at: $0, records: records, arena: arena) }
    }

    private func find(_ key: UnsafeRawBufferPointer, hash: Int) -> PositionIndex.Probe {
        index.find(hash: hash) { position in holdsKey(records[Int(position)], key) }
    }

    /// Whether a record's key is these bytes.
    private func holdsKey(_ record: Record, _ key: UnsafeRawBufferPointer) -> Bool {
        guard Int(record.keyLength) == key.count else { return false }
        return key.isEmpty
            || arena.withBytes(at: record.address, count: key.count) {
                memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0
            }
    }

    /// The probe for a key given as text.
    private func probe(_ key: String) -> PositionIndex.Probe {
        var key = key
        return key.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            return find(raw, hash: ByteHash.of(raw))
        }
    }

    private func position(of key: String) -> Int32? { probe(key).position }

    /// Removes a key; returns the value it held.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> StoredValue? {
        let probe = probe(key)
        guard let position = probe.position.map(Int.init) else { return nil }
        let removed = value(at: position, key: key)
        garbage += records[position].byteCount
        do {
            // Local references for the hash closure, let go before the records change (else the
            // change would copy them all).
            let (records, arena) = (self.records, self.arena)
            index.clear(bucket: probe.bucket) { Self.hash(at: $0, records: records, arena: arena) }
        }
        // The last record moves into the freed position; its bucket follows it.
        let last = records.count - 1
        if position != last {
            let lastRecord = records[last]
            let moved = arena.withBytes(at: lastRecord.address, count: Int(lastRecord.keyLength)) { lastKey in
                find(lastKey, hash: ByteHash.of(lastKey)).bucket
            }
            records.swapAt(position, last)
            index.set(bucket: moved, to: Int32(position))
        }
        records.removeLast()
        compactIfMostlyGarbage()
        return removed
    }
}
