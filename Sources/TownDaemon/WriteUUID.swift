import TownCollections

/// A write's 16-byte uuid as a dictionary key: two integers, hashed and compared at once (a
/// `[UInt8]` key hashes its count and then each of its bytes on its own).
struct WriteUUID: Hashable, Sendable {
    let first: UInt64
    let second: UInt64

    /// Nil unless `bytes` are 16 (only a 16-byte uuid is an idempotency key).
    init?(_ bytes: [UInt8]) {
        guard let words = bytes.withUnsafeBytes(UUIDFilter.words) else { return nil }
        (first, second) = words
    }
}
