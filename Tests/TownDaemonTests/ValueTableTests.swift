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

    /// A value whose parts vary in length with `n` (origins, uuids, bodies from empty to long,
    /// ttl or not), so replacements are written in place, appended, and compacted away.
    static func varied(_ key: String, _ n: Int) -> StoredValue {
        let origin = n % 3 == 0 ? "admin" : "village:v\(n % 97)-" + String(repeating: "x", count: n % 40)
        let body = n % 11 == 0 ? [] : Array(String(repeating: String(n), count: 1 + n % 9).utf8)
        let uuid: [UInt8] = n % 4 == 0 ? [] : (0..<16).map { UInt8(truncatingIfNeeded: n &* 31 &+ $0) }
        return StoredValue(
            key: key,
            version: Version(stamp: Stamp(wallMilliseconds: UInt64(n), counter: UInt32(n % 5), origin: origin), body: body, uuid: uuid),
            sequence: UInt64(n), ttlSeconds: n % 5 == 0 ? UInt32(n) : nil,
            expiresAtMilliseconds: n % 10 == 0 ? UInt64(n) * 1_000 : nil)
    }

    @Test(arguments: 0..<20) func behavesLikeADictionary(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var table = ValueTable()
        var model: [String: StoredValue] = [:]
        for step in 0..<2_000 {
            let key = "/k/\(Int.random(in: 0..<60, using: &random))"
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<2:
                table[key] = nil
                model[key] = nil
            case 2..<3:
                #expect(table.removeValue(forKey: key) == model.removeValue(forKey: key), "the removed value")
            case 3..<5:
                #expect(table.insert(Self.varied(key, step)) == model.updateValue(Self.varied(key, step), forKey: key), "the replaced value")
            case 5..<6:
                table.update(Self.varied(key, step))
                model[key] = Self.varied(key, step)
            case 6..<7:
                // At the key's own position, at some other (a stale hint), or with none.
                let found = table.valueAndPosition(key)
                #expect(found?.value == model[key])
                let hint = Bool.random(using: &random) ? found?.position : Int.random(in: 0...70, using: &random)
                table.update(Self.varied(key, step), at: hint)
                model[key] = Self.varied(key, step)
            default:
                table[key] = Self.varied(key, step)
                model[key] = Self.varied(key, step)
            }
            #expect(table.count == model.count)
            #expect(table[key] == model[key])
        }
        for (key, value) in model { #expect(table[key] == value) }
        #expect(Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0) }) == model)
        #expect(table.entriesAsValues() == table.map { $0 }, "entries read in place say what the values say")
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
                table[key] = Self.varied(key, step)
                model[key] = Self.varied(key, step)
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

    /// A million values are held at once: a record is 56 bytes beside its bytes in the arena.
    @Test func aRecordStaysSmall() {
        #expect(ValueTable.recordStride <= 56, "\(ValueTable.recordStride) bytes")
    }

    /// Replacing values with longer ones and removing keys leaves bytes behind; the arena is
    /// compacted, so it stays within twice what the live values need.
    @Test func theArenaIsCompacted() {
        var table = ValueTable()
        for round in 0..<50 {
            for n in 0..<1_000 {
                let key = "/village/v\(n)/2023/collective_income"
                if round % 7 == 6 && n % 2 == 0 {
                    table[key] = nil
                } else {
                    table[key] = Self.value(key, round * 1_000_000 + n)  // bodies grow with the round
                }
            }
        }
        let needed = table.reduce(0) { $0 + $1.key.utf8.count + $1.version.stamp.origin.utf8.count + $1.version.body.count }
        #expect(table.arenaByteCount <= 2 * needed + 4_096, "\(table.arenaByteCount) bytes held for \(needed)")
        for n in 0..<1_000 {
            #expect(table["/village/v\(n)/2023/collective_income"]?.version.text == String(49_000_000 + n))
        }
    }
}

extension ValueTable {
    /// The values rebuilt from ``forEachEntry(_:)``'s in-place parts.
    func entriesAsValues() -> [StoredValue] {
        var values: [StoredValue] = []
        forEachEntry { entry in
            let stamp = Stamp(time: entry.time, origin: String(decoding: entry.origin, as: UTF8.self))
            let key = String(decoding: entry.key, as: UTF8.self)
            values.append(
                StoredValue(
                    key: key, version: Version(stamp: stamp, body: Array(entry.body), uuid: Array(entry.uuid)),
                    sequence: entry.sequence, ttlSeconds: entry.ttlSeconds,
                    expiresAtMilliseconds: self[key]?.expiresAtMilliseconds))
        }
        return values
    }
}
