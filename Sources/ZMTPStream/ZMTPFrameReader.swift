#if canImport(Glibc)
import Glibc
#endif

/// Splits the bytes read from a ZMTP 3 connection into whole messages (RFC 23: a flags byte with
/// MORE, LONG and COMMAND bits, a 1- or 8-byte big-endian size, then the body), in one buffer that
/// the socket reads into directly.
///
/// The bytes may come in any chunks, one at a time included: the messages are the same. Commands
/// are handed to the caller, once each, also those between the frames of a message (libzmq sends
/// a heartbeat's PING whenever its timer fires, even inside a multipart message, and accepts them
/// there itself). Unknown flag bits or a frame larger than half the buffer are errors.
public struct ZMTPFrameReader {
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0

    public static let moreFlag: UInt8 = 0x01
    public static let longFlag: UInt8 = 0x02
    public static let commandFlag: UInt8 = 0x04

    /// The largest frame accepted: half the buffer.
    public var maximumFrameBytes: Int { buffer.count / 2 }

    public init(capacity: Int = 1 << 18) {
        buffer = [UInt8](repeating: 0, count: max(capacity, 64))
    }

    /// Bytes read but not yet taken as a whole message or command.
    public var bufferedCount: Int { end - start }

    /// Lets `read` write into the free space after the buffered bytes (moving them to the front
    /// first when the space is short) and keeps the count it returns (0 or less: nothing added).
    /// Returns that count, or nil without calling `read` when there is no free space (the buffered
    /// messages must be taken first).
    public mutating func read(_ read: (UnsafeMutableRawBufferPointer) -> Int) -> Int? {
        if start == end {
            start = 0
            end = 0
        } else if start > 0 && buffer.count - end < buffer.count / 4 {
            let (from, count) = (start, end - start)
            buffer.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + from, count)
            }
            start = 0
            end = count
        }
        guard end < buffer.count else { return nil }
        let offset = end
        // Through the whole array's buffer: a mutable slice of it would be copied first.
        let count = buffer.withUnsafeMutableBytes { read(UnsafeMutableRawBufferPointer(rebasing: $0[offset...])) }
        if count > 0 { end += count }
        return count
    }

    /// Adds what fits of `bytes` (as ``read(_:)`` would from a socket) and returns how many that
    /// was: fewer than all when the buffer fills up (take messages, then add the rest).
    public mutating func append(_ bytes: some Collection<UInt8>) -> Int {
        var rest = bytes[...]
        var taken = 0
        while !rest.isEmpty {
            guard
                let count = read({ space in
                    let count = min(space.count, rest.count)
                    space.copyBytes(from: rest.prefix(count))
                    return count
                })
            else { break }
            rest = rest.dropFirst(count)
            taken += count
        }
        return taken
    }

    /// The next whole message's frames into `frames` (true), or false when none is complete yet
    /// (nothing of it is taken). Commands go to `command` as their bodies: those before the
    /// message at once, those between its frames once the message is whole.
    public mutating func nextMessage(
        into frames: inout [[UInt8]], command: (ArraySlice<UInt8>) -> Void
    ) throws(ZMTPError) -> Bool {
        frames.removeAll(keepingCapacity: true)
        var commandsInside: [Range<Int>] = []
        var position = start
        while true {
            guard end - position >= 2 else { return false }
            let flags = buffer[position]
            guard flags & ~(Self.moreFlag | Self.longFlag | Self.commandFlag) == 0 else {
                throw ZMTPError("a frame with flags 0x\(String(flags, radix: 16)), which ZMTP 3 does not define")
            }
            var size = UInt64(buffer[position + 1])
            var header = 2
            if flags & Self.longFlag != 0 {
                guard end - position >= 9 else { return false }
                size = buffer[position + 1..<position + 9].reduce(0) { $0 << 8 | UInt64($1) }
                header = 9
            }
            guard size <= UInt64(maximumFrameBytes) else {
                throw ZMTPError("a frame of \(size) bytes, larger than the \(maximumFrameBytes) accepted")
            }
            guard end - position - header >= Int(size) else { return false }
            let body = position + header
            position = body + Int(size)
            if flags & Self.commandFlag != 0 {
                if frames.isEmpty {
                    command(buffer[body..<position])
                    start = position
                } else {
                    commandsInside.append(body..<position)
                }
                continue
            }
            frames.append(Array(buffer[body..<position]))
            if flags & Self.moreFlag == 0 {
                for range in commandsInside { command(buffer[range]) }
                start = position
                return true
            }
        }
    }

    /// Appends a message's frames to `bytes` in ZMTP 3 framing.
    public static func appendMessage(_ frames: [[UInt8]], to bytes: inout [UInt8]) {
        for (index, frame) in frames.enumerated() {
            appendFrame(frame, flags: index < frames.count - 1 ? moreFlag : 0, to: &bytes)
        }
    }

    /// Appends one frame (data, or a command with ``commandFlag``); LONG is set when needed.
    public static func appendFrame(_ frame: some Collection<UInt8>, flags: UInt8, to bytes: inout [UInt8]) {
        if frame.count > 255 {
            bytes.append(flags | longFlag)
            withUnsafeBytes(of: UInt64(frame.count).bigEndian) { bytes.append(contentsOf: $0) }
        } else {
            bytes.append(flags)
            bytes.append(UInt8(frame.count))
        }
        bytes.append(contentsOf: frame)
    }
}
