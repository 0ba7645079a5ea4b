/// Bytes kept in segments of 1 MiB (a larger run gets a segment of its own), each an array of its
/// own, so that a copy of the whole shares every segment and a change after the copy copies only
/// the segment it touches. A run of bytes never crosses a segment; its address is the segment's
/// number in the high 32 bits and the offset in it in the low 32.
public struct SegmentedBytes: Sendable {
    public static let segmentSize = 1 << 20

    private var segments: [[UInt8]] = []
    /// Bytes handed out (what the segments hold, not what they reserve).
    public private(set) var byteCount = 0

    public init() {}

    /// Adds `count` zero bytes where they fit in one segment; returns their address.
    public mutating func append(zeros count: Int) -> Int {
        if let last = segments.last, last.count + count <= Self.segmentSize {
            let address = (segments.count - 1) << 32 | last.count
            segments[segments.count - 1].append(contentsOf: repeatElement(0, count: count))
            byteCount += count
            return address
        }
        var segment: [UInt8] = []
        segment.reserveCapacity(max(count, Self.segmentSize))
        segment.append(contentsOf: repeatElement(0, count: count))
        segments.append(segment)
        byteCount += count
        return (segments.count - 1) << 32
    }

    /// The `count` bytes at `address`.
    @inline(__always)
    public func withBytes<R>(at address: Int, count: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let start = address & 0xFFFF_FFFF
        return try segments[address >> 32].withUnsafeBytes { bytes in
            try body(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + count)]))
        }
    }

    /// The `count` bytes at `address`, to change in place.
    @inline(__always)
    public mutating func withMutableBytes<R>(
        at address: Int, count: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> R
    ) rethrows -> R {
        let start = address & 0xFFFF_FFFF
        return try segments[address >> 32].withUnsafeMutableBytes { bytes in
            try body(UnsafeMutableRawBufferPointer(rebasing: bytes[start..<(start + count)]))
        }
    }
}
