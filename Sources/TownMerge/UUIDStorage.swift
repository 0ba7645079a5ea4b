/// How a ``Version`` keeps its uuid: a 16-byte uuid as two integers in the value itself (a heap
/// array per stored value cost 64 bytes of memory per key), no uuid as nothing, and any other
/// length (never on the wire, but a caller may build one) as the bytes.
enum UUIDStorage: Hashable, Sendable {
    case none
    case sixteen(high: UInt64, low: UInt64)
    case other([UInt8])

    init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBytes { UUIDStorage(bytes: $0) }
    }

    init(bytes: UnsafeRawBufferPointer) {
        switch bytes.count {
        case 0: self = .none
        case 16:
            var high: UInt64 = 0
            var low: UInt64 = 0
            for index in 0..<8 { high = high << 8 | UInt64(bytes[index]) }
            for index in 8..<16 { low = low << 8 | UInt64(bytes[index]) }
            self = .sixteen(high: high, low: low)
        default: self = .other(Array(bytes))
        }
    }

    var bytes: [UInt8] {
        switch self {
        case .none: return []
        case .sixteen(let high, let low):
            return withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { Array($0) }
        case .other(let bytes): return bytes
        }
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        switch self {
        case .none: return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        case .sixteen(let high, let low): return try withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { try body($0) }
        case .other(let bytes): return try bytes.withUnsafeBytes { try body($0) }
        }
    }

    /// Byte-wise lexicographic order (big-endian halves compare as the bytes do).
    func precedes(_ other: UUIDStorage) -> Bool {
        if case .sixteen(let high, let low) = self, case .sixteen(let otherHigh, let otherLow) = other {
            return (high, low) < (otherHigh, otherLow)
        }
        return bytes.lexicographicallyPrecedes(other.bytes)
    }
}
