import Testing
import TownWire
import ZMTPStream

/// The bytes the dealer sends of itself: the greeting, READY and PONG (RFC 23 and 37).
@Suite struct ZMTPHandshakeTests {
    @Test func theGreetingAndReadyAreRFC23s() {
        #expect(ZMTPDealer.greeting.count == 64)
        #expect(Array(ZMTPDealer.greeting.prefix(12)) == [0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 0])
        #expect(String(decoding: ZMTPDealer.greeting[12..<16], as: UTF8.self) == "NULL")
        #expect(ZMTPDealer.greeting[16...].allSatisfy { $0 == 0 })
        let ready = ZMTPDealer.ready
        #expect(ready[0] == FrameStreamDecoder.commandFlag && Int(ready[1]) == ready.count - 2)
        #expect(String(decoding: ready[2...], as: UTF8.self) == "\u{5}READY\u{B}Socket-Type\0\0\0\u{6}DEALER")
    }

    @Test func pingIsAnsweredWithItsContextAndNothingElseIs() {
        let ping: [UInt8] = [4] + Array("PING".utf8) + [0, 30] + Array("ctx".utf8)
        #expect(ZMTPDealer.pong(answering: ping[...]) == [4] + Array("PONG".utf8) + Array("ctx".utf8))
        #expect(ZMTPDealer.pong(answering: ([4] + Array("PONG".utf8) + [0, 0])[...]) == nil)
        #expect(ZMTPDealer.pong(answering: ([4] + Array("PING".utf8))[...]) == nil)
    }
}
