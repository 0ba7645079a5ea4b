import Testing
import TownTesting
import TownWire

/// Our clients' idempotency keys are RFC 9562 version 7 uuids: the time in the first 48 bits (so
/// ids sort by time, byte by byte), the version and variant bits set, the rest random.
@Suite struct WriteIDTests {
    @Test func theLayoutIsVersion7WithTheTimeFirst() {
        var generator = SeededGenerator(seed: 7)
        let milliseconds: UInt64 = 0x0190_1234_5678
        for _ in 0..<1_000 {
            let id = WriteID.make(milliseconds: milliseconds, using: &generator)
            #expect(id.count == 16)
            #expect(id[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) } == milliseconds)
            #expect(id[6] >> 4 == 7)
            #expect(id[8] >> 6 == 0b10)
        }
    }

    @Test func idsSortByTimeAndDifferWithinAMillisecond() {
        var generator = SeededGenerator(seed: 11)
        var previous: [UInt8] = []
        var seen = Set<[UInt8]>()
        for step in 0..<5_000 {
            let id = WriteID.make(milliseconds: 1_700_000_000_000 + UInt64(step / 4), using: &generator)
            if step % 4 == 0 { #expect(previous.lexicographicallyPrecedes(id)) }
            #expect(seen.insert(id).inserted)
            previous = id
        }
        #expect(WriteID.make() != WriteID.make())
    }
}
