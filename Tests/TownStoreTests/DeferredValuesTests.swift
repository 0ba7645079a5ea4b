import Testing
import TownMerge

@testable import TownStore

/// The list of keys waiting for `kv`: oldest first, a key keeps its place when written again,
/// `kvThrough` is the row before the oldest key's first, and changes are undone exactly.
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

    @Test func undoneChangesLeaveTheListAsItWas() {
        var waiting = DeferredValues()
        for n in 1...5 { waiting.record(key: "/k/\(n)", firstRow: Int64(n), head: Int64(n), value: Self.value("/k/\(n)", UInt64(n))) }
        waiting.noteRow(5)
        let before = waiting
        waiting.beginChanges()
        waiting.remove("/k/1")
        waiting.remove("/k/3")
        waiting.record(key: "/k/2", firstRow: 6, head: 6, value: Self.value("/k/2", 6))
        waiting.record(key: "/k/9", firstRow: 7, head: 7, value: nil)
        waiting.dropValue(of: "/k/4")
        waiting.noteRow(7)
        waiting.undoChanges()
        #expect(waiting.entries == before.entries)
        #expect(waiting.oldest(10).map(\.key) == before.oldest(10).map(\.key))
        #expect(waiting.kvThrough == before.kvThrough)
        #expect(waiting.newestRow == 5)
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
                waiting.beginChanges()
                waiting.record(key: key, firstRow: row, head: row, value: nil)
                waiting.noteRow(row)
                waiting.endChanges()
                if model[key] == nil {
                    model[key] = row
                    joined.append(key)
                }
            }
            waiting.beginChanges()
            for (key, _) in waiting.oldest(2) {
                waiting.remove(key)
                model[key] = nil
                joined.removeAll { $0 == key }
            }
            waiting.endChanges()
            #expect(waiting.oldest(100).map(\.key) == joined)
            #expect(waiting.kvThrough == (joined.first.map { model[$0]! - 1 } ?? row))
        }
    }
}
