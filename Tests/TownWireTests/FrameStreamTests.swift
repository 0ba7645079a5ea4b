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

    /// Random messages (empty, short and long frames) with PING commands before some of them and
    /// between some of their frames, as libzmq's heartbeat timer sends them.
    static func streamWithCommands(seed: UInt64) -> (bytes: [UInt8], messages: [[[UInt8]]], commands: [[UInt8]]) {
        var random = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        var messages: [[[UInt8]]] = []
        var commands: [[UInt8]] = []
        func ping() {
            let command = [4] + Array("PING".utf8) + [0, 20] + (0..<Int.random(in: 0...16, using: &random)).map { UInt8($0) }
            FrameStreamEncoder.appendCommand(command, to: &bytes)
            commands.append(command)
        }
        for _ in 0..<60 {
            if Int.random(in: 0..<4, using: &random) == 0 { ping() }
            let message = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                let size = [0, 1, 16, 255, 256, 1_000][Int.random(in: 0..<6, using: &random)]
                return (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            // Framed one frame at a time, a PING now and then after a frame that has more after it.
            for (index, frame) in message.enumerated() {
                let header = bytes.count
                FrameStreamEncoder.append([frame], to: &bytes)
                guard index < message.count - 1 else { continue }
                bytes[header] |= FrameStreamDecoder.moreFlag
                if Int.random(in: 0..<5, using: &random) == 0 { ping() }
            }
            messages.append(message)
        }
        return (bytes, messages, commands)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func commandsAnywhereAreKeptAsideWhenAcceptedHoweverTheBytesCome(seed: UInt64) throws {
        let (bytes, messages, commands) = Self.streamWithCommands(seed: seed)
        for chunk in [1, 3, 700, bytes.count] {
            var decoder = FrameStreamDecoder(acceptsCommands: true)
            var read: [[[UInt8]]] = []
            var taken: [[UInt8]] = []
            var index = 0
            while index < bytes.count {
                read += try decoder.feed(bytes[index..<min(bytes.count, index + chunk)])
                taken += decoder.takeCommands()
                index += chunk
            }
            #expect(read == messages, "chunks of \(chunk)")
            #expect(taken == commands, "chunks of \(chunk)")
            #expect(decoder.isAtMessageBoundary)
            #expect(decoder.takeCommands().isEmpty)
        }
        // Not accepted, the first command is an error.
        var strict = FrameStreamDecoder()
        #expect(throws: WireError.frameStreamInvalid("flags byte 0x4 is not a data frame")) { try strict.feed(bytes) }
    }

    /// In place, each message's frames are read where they lie: the same bytes as copied out,
    /// however the stream is cut, with commands between frames kept aside.
    @Test(arguments: [UInt64(4), 5])
    func messagesHandedOverInPlaceMatchTheCopies(seed: UInt64) throws {
        let (bytes, messages, commands) = Self.streamWithCommands(seed: seed)
        for chunk in [1, 2, 64, 4_097, bytes.count] {
            var decoder = FrameStreamDecoder(acceptsCommands: true)
            var read: [[[UInt8]]] = []
            var index = 0
            while index < bytes.count {
                try decoder.feed(bytes[index..<min(bytes.count, index + chunk)]) { message in
                    read.append((0..<message.count).map { Array(message[$0]) })
                }
                index += chunk
            }
            #expect(read == messages, "chunks of \(chunk)")
            #expect(decoder.takeCommands() == commands, "chunks of \(chunk)")
            #expect(decoder.isAtMessageBoundary)
        }
    }

    @Test func framesOver255BytesAreLongAndCommandsAreFlagged() {
        var bytes: [UInt8] = []
        FrameStreamEncoder.append([[UInt8](repeating: 1, count: 255), [UInt8](repeating: 2, count: 256)], to: &bytes)
        #expect(Array(bytes.prefix(2)) == [FrameStreamDecoder.moreFlag, 255])
        #expect(Array(bytes[257..<266]) == [FrameStreamDecoder.longFlag, 0, 0, 0, 0, 0, 0, 1, 0])
        #expect(bytes.count == 2 + 255 + 9 + 256)
        var command: [UInt8] = []
        FrameStreamEncoder.appendCommand([4] + Array("PONG".utf8), to: &command)
        #expect(command == [FrameStreamDecoder.commandFlag, 5, 4] + Array("PONG".utf8))
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
