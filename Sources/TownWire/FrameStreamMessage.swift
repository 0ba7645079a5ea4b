/// One whole message as ``FrameStreamDecoder/feed(_:eachMessage:)`` hands it over: its frames read
/// in place in the decoder's buffer, valid only during that call.
public struct FrameStreamMessage {
    private let bytes: UnsafeRawBufferPointer
    private let ranges: UnsafeBufferPointer<Range<Int>>

    init(bytes: UnsafeRawBufferPointer, ranges: UnsafeBufferPointer<Range<Int>>) {
        self.bytes = bytes
        self.ranges = ranges
    }

    /// How many frames the message has (at least one).
    public var count: Int { ranges.count }

    /// Frame `index`'s bytes, in place.
    public subscript(index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: bytes[ranges[index]]) }

    /// Every frame copied out.
    public var frames: [[UInt8]] { ranges.map { Array(bytes[$0]) } }
}
