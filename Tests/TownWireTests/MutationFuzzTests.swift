import Testing
import TownTesting
import TownWire

/// A seeded mutation fuzzer in the suite (bounded by count): valid messages are damaged byte by
/// byte, frame by frame, and the decoder must answer with a value or a `WireError`, never trap.
/// `Scripts/fuzz` runs the libFuzzer target for long runs.
@Suite struct MutationFuzzTests {
    @Test(arguments: 0..<8)
    func mutatedFramesNeverCrashTheDecoder(seed: UInt64) {
        var random = SeededGenerator(seed: 0xF00D + seed)
        var decoded = 0
        var refused = 0
        for _ in 0..<2_000 {
            let (_, message) = SampleMessages.random(&random)
            let frames = WireMutator.mutate(message.encode(), using: &random)
            for channel in WireChannel.allCases {
                do {
                    let value = try WireMessage.decode(frames, channel: channel)
                    // What decodes must encode and decode to itself.
                    #expect(try WireMessage.decode(value.encode(), channel: channel) == value)
                    decoded += 1
                } catch {
                    refused += 1
                }
            }
        }
        #expect(decoded > 0 && refused > 0)
    }

    @Test(arguments: 0..<4)
    func randomBytesNeverCrashTheStreamDecoder(seed: UInt64) {
        var random = SeededGenerator(seed: 0xBEEF + seed)
        for _ in 0..<2_000 {
            var stream = FrameStreamEncoder.encode(SampleMessages.random(&random).1.encode())
            for _ in 0..<Int.random(in: 1...4, using: &random) where !stream.isEmpty {
                stream[Int.random(in: 0..<stream.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            var decoder = FrameStreamDecoder(maximumFrameBytes: 100_000)
            if let messages = try? decoder.feed(stream) {
                for frames in messages {
                    for channel in WireChannel.allCases { _ = try? WireMessage.decode(frames, channel: channel) }
                }
            }
        }
    }
}
