import Testing
import TownTesting
import ZMTPStream

@Suite struct ZMTPFrameReaderTests {
    /// Random messages (empty, short and long frames) with commands between some of them, framed.
    static func stream(seed: UInt64) -> (bytes: [UInt8], messages: [[[UInt8]]], commands: [[UInt8]]) {
        var random = SeededGenerator(seed: seed)
        var bytes: [UInt8] = []
        var messages: [[[UInt8]]] = []
        var commands: [[UInt8]] = []
        for _ in 0..<60 {
            if Int.random(in: 0..<4, using: &random) == 0 {
                let command = [4] + Array("PING".utf8) + [0, 10] + (0..<Int.random(in: 0...16, using: &random)).map { UInt8($0) }
                ZMTPFrameReader.appendFrame(command, flags: ZMTPFrameReader.commandFlag, to: &bytes)
                commands.append(command)
            }
            let message = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                let size = [0, 1, 16, 255, 256, 1_000][Int.random(in: 0..<6, using: &random)]
                return (0..<size).map { _ in UInt8.random(in: 0...255, using: &random) }
            }
            for (index, frame) in message.enumerated() {
                ZMTPFrameReader.appendFrame(frame, flags: index < message.count - 1 ? ZMTPFrameReader.moreFlag : 0, to: &bytes)
                // Now and then a PING between two frames, as libzmq's heartbeat timer sends it.
                if index < message.count - 1 && Int.random(in: 0..<5, using: &random) == 0 {
                    let command = [4] + Array("PING".utf8) + [0, 20, UInt8(index)]
                    ZMTPFrameReader.appendFrame(command, flags: ZMTPFrameReader.commandFlag, to: &bytes)
                    commands.append(command)
                }
            }
            messages.append(message)
        }
        return (bytes, messages, commands)
    }

    /// Feeds `bytes` in chunks of the given sizes (cycled), taking every whole message as it comes.
    static func read(_ bytes: [UInt8], chunks: [Int], capacity: Int = 1 << 16) throws -> (messages: [[[UInt8]]], commands: [[UInt8]]) {
        var reader = ZMTPFrameReader(capacity: capacity)
        var messages: [[[UInt8]]] = []
        var commands: [[UInt8]] = []
        var frames: [[UInt8]] = []
        var offset = 0
        var turn = 0
        while offset < bytes.count {
            let size = min(chunks[turn % chunks.count], bytes.count - offset)
            turn += 1
            let taken = reader.append(bytes[offset..<offset + size])
            offset += taken
            var took = false
            while try reader.nextMessage(into: &frames, command: { commands.append(Array($0)) }) {
                messages.append(frames)
                took = true
            }
            try #require(taken > 0 || took, "the reader neither took bytes nor gave a message")
        }
        #expect(reader.bufferedCount == 0)
        return (messages, commands)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func fedByteByByteOrInChunksGivesTheSameMessages(seed: UInt64) throws {
        let (bytes, messages, commands) = Self.stream(seed: seed)
        for chunks in [[1], [2, 3, 5], [4096], [bytes.count], [7, 300, 1, 999]] {
            let read = try Self.read(bytes, chunks: chunks)
            #expect(read.messages == messages, "chunks \(chunks)")
            #expect(read.commands == commands, "chunks \(chunks)")
        }
    }

    @Test func aSmallBufferMovesItsBytesToTheFrontAndCarriesOn() throws {
        let (bytes, messages, _) = Self.stream(seed: 9)
        // 4 KB: each 1,000-byte frame fits, the stream (tens of KB) only if the buffer is reused.
        let read = try Self.read(bytes, chunks: [700, 13, 2_048], capacity: 4_096)
        #expect(read.messages == messages)
    }

    @Test func aFullBufferTakesNoMoreUntilMessagesAreTaken() throws {
        var reader = ZMTPFrameReader(capacity: 64)
        var message: [UInt8] = []
        ZMTPFrameReader.appendMessage([[UInt8](repeating: 7, count: 20)], to: &message)
        let stream = message + message + message
        let first = reader.append(stream)
        #expect(first == 64)
        let full = reader.append(stream.suffix(2))
        #expect(full == 0)
        var frames: [[UInt8]] = []
        var taken = 0
        while try reader.nextMessage(into: &frames, command: { _ in }) { taken += 1 }
        #expect(taken == 2)
        let rest = reader.append(stream.suffix(2))
        #expect(rest == 2)
        let last = try reader.nextMessage(into: &frames, command: { _ in })
        #expect(last && frames == [[UInt8](repeating: 7, count: 20)])
        #expect(reader.bufferedCount == 0)
    }

    @Test func anIncompleteMessageIsLeftWhole() throws {
        var reader = ZMTPFrameReader()
        var bytes: [UInt8] = []
        ZMTPFrameReader.appendMessage([[1, 2], [3]], to: &bytes)
        let result6 = reader.append(bytes.dropLast())
        #expect(result6 > 0)
        var frames: [[UInt8]] = []
        let result7 = try reader.nextMessage(into: &frames, command: { _ in })
        #expect(!result7)
        #expect(reader.bufferedCount == bytes.count - 1)
        let result8 = reader.append(bytes.suffix(1))
        #expect(result8 > 0)
        let result9 = try reader.nextMessage(into: &frames, command: { _ in })
        #expect(result9)
        #expect(frames == [[1, 2], [3]])
    }

    @Test func undefinedFlagsAreAnError() throws {
        var reader = ZMTPFrameReader()
        let result10 = reader.append([0x08, 1, 0])
        #expect(result10 > 0)
        var frames: [[UInt8]] = []
        #expect(throws: ZMTPError("a frame with flags 0x8, which ZMTP 3 does not define")) {
            try reader.nextMessage(into: &frames, command: { _ in })
        }
    }

    @Test func aFrameLargerThanHalfTheBufferIsAnErrorBeforeItsBody() throws {
        var reader = ZMTPFrameReader(capacity: 1_024)
        let result11 = reader.append([ZMTPFrameReader.longFlag, 0, 0, 0, 0, 0, 0, 2, 1])
        #expect(result11 > 0)
        var frames: [[UInt8]] = []
        #expect(throws: ZMTPError("a frame of 513 bytes, larger than the 512 accepted")) {
            try reader.nextMessage(into: &frames, command: { _ in })
        }
    }

    @Test func aCommandBetweenFramesIsTakenOnceWhenTheMessageIsWhole() throws {
        var reader = ZMTPFrameReader()
        let ping = [4] + Array("PING".utf8) + [0, 0]
        var bytes: [UInt8] = [ZMTPFrameReader.moreFlag, 1, 9]
        ZMTPFrameReader.appendFrame(ping, flags: ZMTPFrameReader.commandFlag, to: &bytes)
        bytes += [0, 1, 8]
        var frames: [[UInt8]] = []
        var commands: [[UInt8]] = []
        // All but the last byte: the command is not taken yet, nor the message.
        _ = reader.append(bytes.dropLast())
        let early = try reader.nextMessage(into: &frames, command: { commands.append(Array($0)) })
        #expect(!early && commands.isEmpty)
        _ = reader.append(bytes.suffix(1))
        let whole = try reader.nextMessage(into: &frames, command: { commands.append(Array($0)) })
        #expect(whole && frames == [[9], [8]])
        #expect(commands == [ping])
        #expect(reader.bufferedCount == 0)
    }

    @Test func framesOver255BytesAreLong() {
        var bytes: [UInt8] = []
        ZMTPFrameReader.appendMessage([[UInt8](repeating: 1, count: 255), [UInt8](repeating: 2, count: 256)], to: &bytes)
        #expect(Array(bytes.prefix(2)) == [ZMTPFrameReader.moreFlag, 255])
        #expect(Array(bytes[257..<266]) == [ZMTPFrameReader.longFlag, 0, 0, 0, 0, 0, 0, 1, 0])
        #expect(bytes.count == 2 + 255 + 9 + 256)
    }

    @Test func pingIsAnsweredWithItsContextAndNothingElseIs() {
        let ping: [UInt8] = [4] + Array("PING".utf8) + [0, 30] + Array("ctx".utf8)
        #expect(ZMTPDealer.pong(answering: ping[...]) == [4] + Array("PONG".utf8) + Array("ctx".utf8))
        #expect(ZMTPDealer.pong(answering: ([4] + Array("PONG".utf8) + [0, 0])[...]) == nil)
        #expect(ZMTPDealer.pong(answering: ([4] + Array("PING".utf8))[...]) == nil)
    }

    @Test func theHandshakeBytesAreRFC23s() {
        #expect(ZMTPDealer.greeting.count == 64)
        #expect(Array(ZMTPDealer.greeting.prefix(12)) == [0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 0])
        #expect(String(decoding: ZMTPDealer.greeting[12..<16], as: UTF8.self) == "NULL")
        #expect(ZMTPDealer.greeting[16...].allSatisfy { $0 == 0 })
        let ready = ZMTPDealer.ready
        #expect(ready[0] == ZMTPFrameReader.commandFlag && Int(ready[1]) == ready.count - 2)
        #expect(String(decoding: ready[2...], as: UTF8.self) == "\u{5}READY\u{B}Socket-Type\0\0\0\u{6}DEALER")
    }
}
