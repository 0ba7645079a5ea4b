/// Writes multipart messages in ZMTP 3 framing (see ``FrameStreamDecoder``).
public enum FrameStreamEncoder {
    public static func encode(_ frames: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        append(frames, to: &bytes)
        return bytes
    }

    /// Appends a message's data frames to `bytes`.
    public static func append(_ frames: [[UInt8]], to bytes: inout [UInt8]) {
        for (index, frame) in frames.enumerated() {
            appendFrame(frame, flags: index < frames.count - 1 ? FrameStreamDecoder.moreFlag : 0, to: &bytes)
        }
    }

    /// Appends a command frame (its body: the name's length, the name, its data) to `bytes`.
    public static func appendCommand(_ body: some Collection<UInt8>, to bytes: inout [UInt8]) {
        appendFrame(body, flags: FrameStreamDecoder.commandFlag, to: &bytes)
    }

    /// One frame; LONG is set when the body is over 255 bytes.
    private static func appendFrame(_ frame: some Collection<UInt8>, flags: UInt8, to bytes: inout [UInt8]) {
        if frame.count > 255 {
            bytes.append(flags | FrameStreamDecoder.longFlag)
            bytes.append(contentsOf: SequenceNumber.encode(UInt64(frame.count)))
        } else {
            bytes.append(flags)
            bytes.append(UInt8(frame.count))
        }
        bytes.append(contentsOf: frame)
    }
}
