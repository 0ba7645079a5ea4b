import Testing
import TownTesting

@testable import TownMerge

/// A version keeps its uuid as two integers (16 bytes) or as bytes (any other length); either
/// way it reads back the same and orders versions exactly as comparing the bytes does.
@Suite struct VersionUUIDTests {
    static func bytes(_ count: Int, _ random: inout SeededGenerator) -> [UInt8] {
        // Few distinct byte values, so equal prefixes (and equal uuids) come up often.
        (0..<count).map { _ in UInt8.random(in: 0...2, using: &random) * 0x7F }
    }

    @Test(arguments: 0..<20) func roundTripAndOrder(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let stamp = Stamp(wallMilliseconds: 1, counter: 0, origin: "a")
        for _ in 0..<200 {
            let first = Self.bytes([0, 16, 16, 16, 3].randomElement(using: &random)!, &random)
            let second = Self.bytes([0, 16, 16, 16, 17].randomElement(using: &random)!, &random)
            let a = Version(stamp: stamp, body: [1], uuid: first)
            let b = Version(stamp: stamp, body: [1], uuid: second)
            #expect(a.uuid == first && b.uuid == second)
            #expect(a.precedes(b) == first.lexicographicallyPrecedes(second))
            #expect((a == b) == (first == second))
            #expect(a.withUUIDBytes { Array($0) } == first)
        }
    }
}
