import TownCollections

/// A write's 16-byte uuid as a dictionary key: two integers, hashed and compared at once (a
/// `[UInt8]` key hashes its count and then each of its bytes on its own).
public struct WriteUUID: Hashable, Sendable {
    public let first: UInt64
    public let second: UInt64

    /// Nil unless `bytes` are 16 (only a 16-byte uuid is an idempotency key).
    public init?(_ bytes: [UInt8]) {
        guard let words = bytes.withUnsafeBytes(UUIDFilter.words) else { return nil }
        (first, second) = words
    }

    /// The 16 bytes again.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: (first, second)) { Array($0) }
    }

    /// Whether `self`'s bytes sort before `other`'s as SQLite compares blobs (byte by byte), so a
    /// run sorted with it is appended to a `(run, uuid)` key in order. (The words hold the bytes
    /// as loaded from memory: read big-endian, the first byte is the most significant.)
    func bytesPrecede(_ other: WriteUUID) -> Bool {
        let (a, b) = (UInt64(bigEndian: first), UInt64(bigEndian: other.first))
        return a != b ? a < b : UInt64(bigEndian: second) < UInt64(bigEndian: other.second)
    }
}
