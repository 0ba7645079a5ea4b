import Testing
import TownTesting
import TownWire

/// The digits every reply, KVPUB and event writes for times and sequences are the number's
/// decimal text, at every length (0, each power of ten and the number before it, the largest).
@Suite struct DecimalDigitsTests {
    @Test func digitsAreTheDecimalText() {
        var values: [UInt64] = [0, .max, .max - 1, UInt64(Int64.max)]
        var power: UInt64 = 1
        for _ in 0..<19 {
            values += [power, power - 1, power + 1]
            power *= 10
        }
        var random = SeededGenerator(seed: 3)
        for _ in 0..<2_000 { values.append(UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random)) }
        for value in values {
            var bytes: [UInt8] = [0x2A]
            KVMessage.appendDecimal(value, to: &bytes)
            #expect(bytes == [0x2A] + Array(String(value).utf8), "\(value)")
        }
    }
}
