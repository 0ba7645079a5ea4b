/// Splits a byte stream in ZMTP 3 framing (flags byte with MORE, LONG and COMMAND bits, a 1- or
/// 8-byte big-endian size, then the body) into whole multipart messages.
///
/// Bytes may arrive in any chunks, one at a time included: the result is the same. Used to replay
/// captured traffic and to fuzz the codec from raw bytes (data frames only: a command is an
/// error), and by the benchmark's ZMTP client on a live connection (`acceptsCommands`: commands,
/// which libzmq sends between messages and, a heartbeat's PING, even between the frames of one,
/// are kept aside for ``takeCommands()``).
public struct FrameStreamDecoder: Sendable {
    /// Largest single frame accepted; a larger size is an error before any body is buffered.
    public let maximumFrameBytes: Int
    /// Whether command frames are taken (else they are an error).
    public let acceptsCommands: Bool
    private var buffer: [UInt8] = []
    private var offset = 0
    private var pendingFrames: [[UInt8]] = []
    private var commands: [[UInt8]] = []

    public static let moreFlag: UInt8 = 0x01
    public static let longFlag: UInt8 = 0x02
    public static let commandFlag: UInt8 = 0x04

    public init(maximumFrameBytes: Int = 1 << 20, acceptsCommands: Bool = false) {
        self.maximumFrameBytes = maximumFrameBytes
        self.acceptsCommands = acceptsCommands
    }

    /// The bodies of the commands read since the last call, in order.
    public mutating func takeCommands() -> [[UInt8]] {
        defer { commands.removeAll(keepingCapacity: true) }
        return commands
    }

    /// Adds bytes and returns every message they complete, in order.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws(WireError) -> [[[UInt8]]] {
        buffer.append(contentsOf: bytes)
        var messages: [[[UInt8]]] = []
        while let (frame, more, command) = try nextFrame() {
            if command {
                commands.append(frame)
                continue
            }
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

    private mutating func nextFrame() throws(WireError) -> (frame: [UInt8], more: Bool, command: Bool)? {
        let available = buffer.count - offset
        guard available >= 1 else { return nil }
        let flags = buffer[offset]
        let known = Self.moreFlag | Self.longFlag | (acceptsCommands ? Self.commandFlag : 0)
        guard flags & ~known == 0 else {
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
        return (frame, flags & Self.moreFlag != 0, flags & Self.commandFlag != 0)
    }
}
