/// Splits a byte stream in ZMTP 3 data-frame framing (flags byte with MORE and LONG bits, a 1- or
/// 8-byte big-endian size, then the body) into whole multipart messages.
///
/// Bytes may arrive in any chunks, one at a time included: the result is the same. Used to replay
/// captured traffic and to fuzz the codec from raw bytes.
public struct FrameStreamDecoder: Sendable {
    /// Largest single frame accepted; a larger size is an error before any body is buffered.
    public let maximumFrameBytes: Int
    private var buffer: [UInt8] = []
    private var offset = 0
    private var pendingFrames: [[UInt8]] = []

    static let moreFlag: UInt8 = 0x01
    static let longFlag: UInt8 = 0x02

    public init(maximumFrameBytes: Int = 1 << 20) {
        self.maximumFrameBytes = maximumFrameBytes
    }

    /// Adds bytes and returns every message they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(WireError) -> [[[UInt8]]] {
        buffer.append(contentsOf: bytes)
        var messages: [[[UInt8]]] = []
        while let (frame, more) = try nextFrame() {
            pendingFrames.append(frame)
            if !more {
                messages.append(pendingFrames)
                pendingFrames = []
            }
        }
        if offset > 4096 && offset * 2 > buffer.count {
            buffer.removeFirst(offset)
            offset = 0
        }
        return messages
    }

    /// True when no partial frame or message is buffered.
    public var isAtMessageBoundary: Bool { offset == buffer.count && pendingFrames.isEmpty }

    private mutating func nextFrame() throws(WireError) -> (frame: [UInt8], more: Bool)? {
        let available = buffer.count - offset
        guard available >= 1 else { return nil }
        let flags = buffer[offset]
        guard flags & ~(Self.moreFlag | Self.longFlag) == 0 else {
            throw .frameStreamInvalid("flags byte 0x\(String(flags, radix: 16)) is not a data frame")
        }
        let sizeBytes = flags & Self.longFlag != 0 ? 8 : 1
        guard available >= 1 + sizeBytes else { return nil }
        var size: UInt64 = 0
        for index in 0..<sizeBytes { size = size << 8 | UInt64(buffer[offset + 1 + index]) }
        guard size <= UInt64(maximumFrameBytes) else {
            throw .frameStreamInvalid("frame of \(size) bytes exceeds \(maximumFrameBytes)")
        }
        let start = offset + 1 + sizeBytes
        guard buffer.count - start >= Int(size) else { return nil }
        let frame = Array(buffer[start..<start + Int(size)])
        offset = start + Int(size)
        return (frame, flags & Self.moreFlag != 0)
    }
}
