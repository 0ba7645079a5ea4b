import TownWire

/// Runs one fuzz input: read as a ZMTP-framed byte stream, every message it yields is decoded for
/// every channel, and anything that decodes must re-encode to a message that decodes to itself.
func fuzzOneInput(_ bytes: [UInt8]) {
    var decoder = FrameStreamDecoder(maximumFrameBytes: 1 << 17)
    guard let messages = try? decoder.feed(bytes) else { return }
    for frames in messages {
        for channel in WireChannel.allCases {
            guard let message = try? WireMessage.decode(frames, channel: channel) else { continue }
            let again = try? WireMessage.decode(message.encode(), channel: channel)
            precondition(again == message, "re-encoding changed a \(channel) message")
        }
    }
}

/// libFuzzer's callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func wireFuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data else { return 0 }
    fuzzOneInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
