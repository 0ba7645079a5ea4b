import Testing
import TownMerge

@testable import TownStore

/// The list of keys waiting for `kv`: oldest first, a key keeps its place when written again,
/// `kvThrough` is the row before the oldest key's first.
@Suite struct DeferredValuesTests {
    static func value(_ key: String, _ sequence: UInt64) -> StoredValue {
        StoredValue(
            key: key, version: Version(stamp: Stamp(wallMilliseconds: sequence, counter: 0, origin: "t"), body: [1]),
            sequence: sequence)
    }

    @Test func keysWaitOldestFirstAndKeepTheirPlace() {
        var waiting = DeferredValues()
        waiting.noteRow(10)
        #expect(waiting.kvThrough == 10)
        waiting.record(key: "/a", firstRow: 11, head: 11, value: Self.value("/a", 1))
        waiting.record(key: "/b", firstRow: 12, head: 12, value: nil)
        waiting.record(key: "/a", firstRow: 13, head: 13, value: nil)
        waiting.noteRow(13)
        #expect(waiting.oldest(5).map(\.key) == ["/a", "/b"])
        #expect(waiting["/a"]?.firstRow == 11)
        #expect(waiting["/a"]?.head == 13)
        #expect(waiting["/a"]?.value == Self.value("/a", 1))
        #expect(waiting.kvThrough == 10)
        waiting.remove("/a")
        #expect(waiting.kvThrough == 11)
        waiting.record(key: "/a", firstRow: 14, head: 14, value: Self.value("/a", 2))
        waiting.noteRow(14)
        #expect(waiting.oldest(1).map(\.key) == ["/b"])
        waiting.remove("/b")
        #expect(waiting.kvThrough == 13)
        #expect(waiting.oldest(5).map(\.key) == ["/a"])
        waiting.remove("/a")
        #expect(waiting.isEmpty)
        #expect(waiting.kvThrough == 14)
        #expect(waiting.oldest(5).isEmpty)
    }

    /// Many keys written out and written again: the order array is compacted and stays right.
    @Test func aLongRunKeepsTheOrderRight() {
        var waiting = DeferredValues()
        var row: Int64 = 0
        var model: [String: Int64] = [:]  // key -> first row, in order of joining
        var joined: [String] = []
        for round in 0..<3000 {
            for n in 0..<3 {
                row += 1
                let key = "/k/\((round * 7 + n * 13) % 50)"
                waiting.record(key: key, firstRow: row, head: row, value: nil)
                waiting.noteRow(row)
                if model[key] == nil {
                    model[key] = row
                    joined.append(key)
                }
            }
            for (key, _) in waiting.oldest(2) {
                waiting.remove(key)
                model[key] = nil
                joined.removeAll { $0 == key }
            }
            #expect(waiting.oldest(100).map(\.key) == joined)
            #expect(waiting.kvThrough == (joined.first.map { model[$0]! - 1 } ?? row))
        }
    }
}
