/// Splits a byte stream in ZMTP 3 framing (flags byte with MORE, LONG and COMMAND bits, a 1- or
/// 8-byte big-endian size, then the body) into whole multipart messages.
///
/// Bytes may arrive in any chunks, one at a time included: the result is the same. Used to replay
/// captured traffic and to fuzz the codec from raw bytes (data frames only: a command is an
/// error), and by the benchmark's ZMTP client on a live connection (`acceptsCommands`: commands,
/// which libzmq sends between messages and, a heartbeat's PING, even between the frames of one,
/// are kept aside for ``takeCommands()``).
///
/// ``feed(_:eachMessage:)`` hands each whole message over in place, its frames read where they
/// lie in the decoder's buffer (no array a frame: the benchmark's client reads a hundred thousand
/// replies a second on the cores townd runs on); ``feed(_:)`` copies them out.
public struct FrameStreamDecoder: Sendable {
    /// Largest single frame accepted; a larger size is an error before any body is buffered.
    public let maximumFrameBytes: Int
    /// Whether command frames are taken (else they are an error).
    public let acceptsCommands: Bool
    private var buffer: [UInt8] = []
    /// Where the first byte not yet taken lies: a message's (or a command's) first header. A
    /// message is taken only once whole, so a partial one is scanned again when more comes.
    private var offset = 0
    /// The current message's frames and the commands between them, reused from message to message.
    private var frameRanges: [Range<Int>] = []
    private var commandRanges: [Range<Int>] = []
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
        var messages: [[[UInt8]]] = []
        try feed(bytes) { messages.append($0.frames) }
        return messages
    }

    /// Adds bytes and hands every message they complete to `body`, in order, in place (the
    /// message's frames are valid only during the call). Throws at the first header that is not
    /// ZMTP 3 framing; the messages before it have been handed over.
    public mutating func feed(
        _ bytes: some Sequence<UInt8>, eachMessage body: (FrameStreamMessage) -> Void
    ) throws(WireError) {
        buffer.append(contentsOf: bytes)
        while try scanMessage() {
            buffer.withUnsafeBytes { bytes in
                frameRanges.withUnsafeBufferPointer { ranges in body(FrameStreamMessage(bytes: bytes, ranges: ranges)) }
            }
        }
        if offset > 4096 && offset * 2 > buffer.count {
            buffer.removeFirst(offset)
            offset = 0
        }
    }

    /// True when no partial frame or message is buffered.
    public var isAtMessageBoundary: Bool { offset == buffer.count }

    /// Finds the next whole message from `offset` (its frames in `frameRanges`) and moves past it;
    /// a command between messages is taken on the way, one between a message's frames once the
    /// message is whole. False when the bytes end before the message does.
    private mutating func scanMessage() throws(WireError) -> Bool {
        frameRanges.removeAll(keepingCapacity: true)
        commandRanges.removeAll(keepingCapacity: true)
        var position = offset
        while let (range, more, command) = try frame(at: position) {
            position = range.upperBound
            if command {
                if frameRanges.isEmpty {
                    commands.append(Array(buffer[range]))
                    offset = position
                } else {
                    commandRanges.append(range)
                }
                continue
            }
            frameRanges.append(range)
            if !more {
                for command in commandRanges { commands.append(Array(buffer[command])) }
                offset = position
                return true
            }
        }
        return false
    }

    /// The frame whose header starts at `position`: its body's range, MORE and COMMAND; nil when
    /// the bytes end before the frame does.
    private func frame(at position: Int) throws(WireError) -> (range: Range<Int>, more: Bool, command: Bool)? {
        let available = buffer.count - position
        guard available >= 1 else { return nil }
        let flags = buffer[position]
        let known = Self.moreFlag | Self.longFlag | (acceptsCommands ? Self.commandFlag : 0)
        guard flags & ~known == 0 else {
            throw .frameStreamInvalid("flags byte 0x\(String(flags, radix: 16)) is not a data frame")
        }
        let sizeBytes = flags & Self.longFlag != 0 ? 8 : 1
        guard available >= 1 + sizeBytes else { return nil }
        var size: UInt64 = 0
        for index in 0..<sizeBytes { size = size << 8 | UInt64(buffer[position + 1 + index]) }
        guard size <= UInt64(maximumFrameBytes) else {
            throw .frameStreamInvalid("frame of \(size) bytes exceeds \(maximumFrameBytes)")
        }
        let start = position + 1 + sizeBytes
        guard buffer.count - start >= Int(size) else { return nil }
        return (start..<start + Int(size), flags & Self.moreFlag != 0, flags & Self.commandFlag != 0)
    }
}
