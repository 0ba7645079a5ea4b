import Foundation

/// A block of a run of seen uuids in `seen_block` (see ``DeferredSeen``): entries of 24 bytes,
/// the uuid's 16 bytes then the id of the history row holding its seen record (little-endian),
/// sorted by uuid as SQLite compares blobs. A block is found by its first uuid (the greatest
/// `first` not above the uuid sought), then searched in halves.
enum SeenBlock {
    static let entryBytes = 24
    /// Entries in a full block (3 KB: one page with its key).
    static let capacity = 128

    /// The bytes of a block of `entries` (sorted).
    static func encode(_ entries: ArraySlice<(uuid: WriteUUID, row: Int64)>) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * entryBytes)
        for (uuid, row) in entries {
            withUnsafeBytes(of: (uuid.first, uuid.second)) { bytes.append(contentsOf: $0) }
            withUnsafeBytes(of: row.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// The history row of `uuid` (16 bytes) in `block`, if the block holds it.
    static func row(of uuid: UnsafeRawBufferPointer, in block: UnsafeRawBufferPointer) -> Int64? {
        guard uuid.count == 16, let base = block.baseAddress, let sought = uuid.baseAddress else { return nil }
        var low = 0
        var high = block.count / entryBytes
        while low < high {
            let middle = (low + high) / 2
            let entry = base + middle * entryBytes
            let order = memcmp(entry, sought, 16)
            if order == 0 {
                return Int64(littleEndian: UnsafeRawBufferPointer(start: entry + 16, count: 8).loadUnaligned(as: Int64.self))
            }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }
}
