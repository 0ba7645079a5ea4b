/// Writes multipart messages in ZMTP 3 data-frame framing (see ``FrameStreamDecoder``).
public enum FrameStreamEncoder {
    public static func encode(_ frames: [[UInt8]]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (index, frame) in frames.enumerated() {
            var flags: UInt8 = index < frames.count - 1 ? FrameStreamDecoder.moreFlag : 0
            if frame.count > 255 {
                flags |= FrameStreamDecoder.longFlag
                bytes.append(flags)
                bytes.append(contentsOf: SequenceNumber.encode(UInt64(frame.count)))
            } else {
                bytes.append(flags)
                bytes.append(UInt8(frame.count))
            }
            bytes.append(contentsOf: frame)
        }
        return bytes
    }
}
