import Testing
import TownMerge
import TownStore
import TownTesting

@testable import TownDaemon

/// The value table behaves as a dictionary from key to value under any sequence of sets,
/// replacements and removals (checked against one, step by step).
@Suite struct ValueTableTests {
    static func value(_ key: String, _ body: Int) -> StoredValue {
        StoredValue(
            key: key, version: Version(stamp: Stamp(wallMilliseconds: 1, counter: 0, origin: "t"), body: Array(String(body).utf8)),
            sequence: UInt64(body))
    }

    @Test(arguments: 0..<20) func behavesLikeADictionary(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var table = ValueTable()
        var model: [String: StoredValue] = [:]
        for step in 0..<2_000 {
            let key = "/k/\(Int.random(in: 0..<60, using: &random))"
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<3:
                table[key] = nil
                model[key] = nil
            case 3..<5:
                table.insert(Self.value(key, step))
                model[key] = Self.value(key, step)
            default:
                table[key] = Self.value(key, step)
                model[key] = Self.value(key, step)
            }
            #expect(table.count == model.count)
            #expect(table[key] == model[key])
        }
        for (key, value) in model { #expect(table[key] == value) }
        #expect(Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0) }) == model)
    }

    /// Many keys, so the index grows several times and removals shift long probe runs back.
    @Test(arguments: 0..<4) func manyKeysGrowAndShrink(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var table = ValueTable()
        var model: [String: StoredValue] = [:]
        for step in 0..<30_000 {
            let key = "/village/v\(Int.random(in: 0..<4_000, using: &random))/2023/collective_income"
            if Int.random(in: 0..<3, using: &random) == 0 {
                table[key] = nil
                model[key] = nil
            } else {
                table[key] = Self.value(key, step)
                model[key] = Self.value(key, step)
            }
            if step % 1_000 == 0 {
                for (key, value) in model { #expect(table[key] == value) }
            }
        }
        #expect(table.count == model.count)
        for (key, value) in model { #expect(table[key] == value) }
        for n in 0..<4_000 where model["/village/v\(n)/2023/collective_income"] == nil {
            #expect(table["/village/v\(n)/2023/collective_income"] == nil)
        }
    }

    @Test func equalityIgnoresOrder() {
        var first = ValueTable()
        var second = ValueTable()
        for n in 0..<5 { first[String(n)] = Self.value(String(n), n) }
        for n in (0..<5).reversed() { second[String(n)] = Self.value(String(n), n) }
        #expect(first == second)
        second["3"] = Self.value("3", 9)
        #expect(first != second)
    }

    /// A million values are held at once: the slot stays at 96 bytes (ttl and expiry in the
    /// version's tail padding, the uuid inline).
    @Test func aValueSlotStaysSmall() {
        #expect(MemoryLayout<StoredValue>.stride <= 96, "\(MemoryLayout<StoredValue>.stride) bytes")
    }
}
