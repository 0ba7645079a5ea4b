import Testing
import TownMerge
import TownTesting

/// Property tests of the merge laws over seeded random writes (see ``WriteGenerator``).
@Suite struct MergeLawTests {
    static let seeds: [UInt64] = Array(0..<200)

    @Test(arguments: seeds)
    func mergeIsCommutativeAssociativeAndIdempotent(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let a = WriteGenerator.map(WriteGenerator.writes(&random, count: 0...6))
        let b = WriteGenerator.map(WriteGenerator.writes(&random, count: 0...6))
        let c = WriteGenerator.map(WriteGenerator.writes(&random, count: 0...6))
        #expect(a.merging(b) == b.merging(a), "commutative, seed \(seed)")
        #expect(a.merging(b).merging(c) == a.merging(b.merging(c)), "associative, seed \(seed)")
        #expect(a.merging(a) == a, "idempotent, seed \(seed)")
        #expect(a.merging(b).merging(b) == a.merging(b), "idempotent after merge, seed \(seed)")
    }

    @Test(arguments: seeds)
    func anyOrderAndDuplicationConverges(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let writes = WriteGenerator.writes(&random, count: 1...12)
        let reference = WriteGenerator.map(writes)
        for _ in 0..<5 {
            var delivered = writes.shuffled(using: &random)
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                delivered.insert(random.pick(writes), at: Int.random(in: 0...delivered.count, using: &random))
            }
            #expect(WriteGenerator.map(delivered) == reference, "seed \(seed)")
        }
        // The result holds, per key, the greatest version written to it.
        for key in WriteGenerator.keys {
            let greatest = writes.filter { $0.key == key }.map(\.version).max { $0.precedes($1) }
            #expect(reference[key] == greatest, "seed \(seed)")
        }
    }

    @Test(arguments: seeds)
    func outcomePreviewMatchesMergeAndTellsTheTruth(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var map = WriteGenerator.map(WriteGenerator.writes(&random, count: 0...6))
        let (key, incoming) = WriteGenerator.write(&random)
        let before = map[key]
        let preview = map.outcome(of: incoming, forKey: key)
        let outcome = map.merge(incoming, forKey: key)
        #expect(preview == outcome, "seed \(seed)")
        switch outcome {
        case .applied(let previous):
            #expect(previous == before && map[key] == incoming, "seed \(seed)")
            #expect(before.map { $0.stamp < incoming.stamp } ?? true, "seed \(seed)")
        case .duplicate:
            #expect(before?.stamp == incoming.stamp && before?.body == incoming.body, "seed \(seed)")
            #expect(map[key]?.body == incoming.body, "seed \(seed)")
        case .superseded(let winner):
            #expect(winner == before && map[key] == before && incoming.stamp < winner.stamp, "seed \(seed)")
        case .equalStampConflict(let incomingWon, let other):
            #expect(other == before && other.stamp == incoming.stamp && other.body != incoming.body, "seed \(seed)")
            #expect(map[key] == (incomingWon ? incoming : before), "seed \(seed)")
        }
    }

    @Test func tombstoneAgainstValueAtTheSameStampIsDeterministic() {
        let stamp = Stamp(wallMilliseconds: 5, counter: 0, origin: "admin")
        let tombstone = Version(stamp: stamp, body: [], uuid: Array(repeating: 1, count: 16))
        let value = Version(stamp: stamp, body: Array("1".utf8), uuid: Array(repeating: 2, count: 16))
        var first = LWWRegister()
        first.merge(tombstone)
        let outcome = first.merge(value)
        var second = LWWRegister()
        second.merge(value)
        #expect(second.merge(tombstone) == .equalStampConflict(incomingWon: false, other: value))
        #expect(outcome == .equalStampConflict(incomingWon: true, other: tombstone))
        #expect(first == second)
    }
}
