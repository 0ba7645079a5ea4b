import Testing
import TownTesting
import TownWire

/// The decoder fed byte by byte, in random chunks, and all at once must agree.
@Suite struct FrameStreamTests {
    @Test(arguments: 0..<30)
    func chunkingNeverChangesTheResult(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let messages = (0..<8).map { _ in SampleMessages.random(&random) }
        let stream = messages.flatMap { FrameStreamEncoder.encode($0.1.encode()) }

        var whole = FrameStreamDecoder()
        let allAtOnce = try whole.feed(stream)

        var byByte = FrameStreamDecoder()
        var oneByOne: [[[UInt8]]] = []
        for byte in stream { oneByOne += try byByte.feed([byte]) }

        var chunked = FrameStreamDecoder()
        var inChunks: [[[UInt8]]] = []
        var index = 0
        while index < stream.count {
            let size = Int.random(in: 1...700, using: &random)
            inChunks += try chunked.feed(stream[index..<min(stream.count, index + size)])
            index += size
        }

        #expect(allAtOnce == messages.map { $0.1.encode() }, "seed \(seed)")
        #expect(oneByOne == allAtOnce, "seed \(seed)")
        #expect(inChunks == allAtOnce, "seed \(seed)")
        #expect(whole.isAtMessageBoundary && byByte.isAtMessageBoundary && chunked.isAtMessageBoundary)
        for (frames, (channel, message)) in zip(oneByOne, messages) {
            #expect(try WireMessage.decode(frames, channel: channel) == message, "seed \(seed)")
        }
    }

    @Test func aPartialMessageWaitsForTheRest() throws {
        let bytes = FrameStreamEncoder.encode([[1], [2, 3]])
        var decoder = FrameStreamDecoder()
        #expect(try decoder.feed(bytes.dropLast()) == [])
        #expect(!decoder.isAtMessageBoundary)
        #expect(try decoder.feed(bytes.suffix(1)) == [[[1], [2, 3]]])
    }

    @Test func badFlagsAndHugeSizesAreErrors() {
        var commands = FrameStreamDecoder()
        #expect(throws: WireError.self) { try commands.feed([0x04, 0x00]) }
        var huge = FrameStreamDecoder(maximumFrameBytes: 1000)
        #expect(throws: WireError.frameStreamInvalid("frame of 4294967296 bytes exceeds 1000")) {
            try huge.feed([0x02, 0, 0, 0, 1, 0, 0, 0, 0])
        }
    }
}
