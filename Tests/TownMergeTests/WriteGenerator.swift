import TownMerge
import TownTesting

/// Random writes drawn from tiny domains, so that collisions the merge must handle come up all
/// the time: equal wall times, equal (wall, counter) across origins, the same origin twice, and a
/// tombstone against a value at the same stamp.
struct WriteGenerator {
    static let keys = ["/village/luli/2023/collective_income", "/village/luli/2023/operating_income"]
    static let walls: [UInt64] = [1_000, 1_000, 1_001]
    static let counters: [UInt32] = [0, 0, 1]
    static let origins = ["village:luli", "admin", "village:luli"]
    static let bodies = ["", "2150000", "820000"].map { Array($0.utf8) }
    static let uuids: [[UInt8]] = [Array(repeating: 1, count: 16), Array(repeating: 2, count: 16)]

    static func write(_ random: inout SeededGenerator) -> (key: String, version: Version) {
        let stamp = Stamp(
            wallMilliseconds: random.pick(walls), counter: random.pick(counters), origin: random.pick(origins))
        return (random.pick(keys), Version(stamp: stamp, body: random.pick(bodies), uuid: random.pick(uuids)))
    }

    static func writes(_ random: inout SeededGenerator, count: ClosedRange<Int>) -> [(key: String, version: Version)] {
        (0..<Int.random(in: count, using: &random)).map { _ in write(&random) }
    }

    static func map(_ writes: [(key: String, version: Version)]) -> LWWMap {
        var map = LWWMap()
        for write in writes { map.merge(write.version, forKey: write.key) }
        return map
    }
}
