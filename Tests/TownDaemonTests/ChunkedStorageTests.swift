import Testing
import TownCollections
import TownMerge
import TownStore
import TownTesting

@testable import TownDaemon

/// The chunked records and segmented bytes behind the value table: right across chunk and
/// segment boundaries, and a copy keeps its contents whatever happens to the original after it
/// (the snapshot thread sends from such a copy while the socket loop goes on writing).
@Suite struct ChunkedStorageTests {
    @Test func chunkedArrayAcrossChunks() {
        var array = ChunkedArray<Int>()
        for n in 0..<40_000 { array.append(n) }
        #expect(array.count == 40_000 && Array(array) == Array(0..<40_000))
        let copy = array
        array[20_000] = -1
        array.swapAt(5, 39_999)
        for _ in 0..<(40_000 - 16_384) { array.removeLast() }
        #expect(array.count == 16_384 && array[5] == 39_999 && array[16_383] == 16_383)
        array.append(7)
        #expect(array[16_384] == 7)
        #expect(Array(copy) == Array(0..<40_000))
    }

    @Test func segmentedBytesKeepRunsWhole() {
        var random = SeededGenerator(seed: 3)
        var bytes = SegmentedBytes()
        var runs: [(address: Int, count: Int, fill: UInt8)] = []
        for n in 0..<3_000 {
            // Mostly small runs, now and then one past a segment's size.
            let count = n % 1_000 == 999 ? SegmentedBytes.segmentSize + 5 : Int.random(in: 0..<2_000, using: &random)
            let fill = UInt8(truncatingIfNeeded: n)
            let address = bytes.append(zeros: count)
            bytes.withMutableBytes(at: address, count: count) { $0.initializeMemory(as: UInt8.self, repeating: fill) }
            runs.append((address, count, fill))
        }
        let copy = bytes
        bytes.withMutableBytes(at: runs[10].address, count: runs[10].count) { $0.initializeMemory(as: UInt8.self, repeating: 0xEE) }
        for (index, run) in runs.enumerated() {
            #expect((run.address & 0xFFFF_FFFF) + run.count <= max(SegmentedBytes.segmentSize, run.count))
            let expected = index == 10 ? 0xEE : run.fill
            #expect(bytes.withBytes(at: run.address, count: run.count) { $0.allSatisfy { $0 == expected } })
            #expect(copy.withBytes(at: run.address, count: run.count) { $0.allSatisfy { $0 == run.fill } })
        }
        #expect(bytes.byteCount == runs.reduce(0) { $0 + $1.count })
    }

    /// 40,000 keys (three chunks of records, several segments of bytes, one body past a segment's
    /// size): the table matches a dictionary through replacements, removals and compaction, and a
    /// copy taken halfway still holds exactly what the table held then.
    @Test func aValueTableCopyIsAPointInTime() {
        var random = SeededGenerator(seed: 9)
        var table = ValueTable()
        var model: [String: StoredValue] = [:]
        for n in 0..<40_000 {
            let value = ValueTableTests.varied("/k/\(n)", n)
            table.insert(value)
            model[value.key] = value
        }
        let big = StoredValue(
            key: "/big", version: Version(stamp: Stamp(wallMilliseconds: 1, counter: 0, origin: "t"), body: [UInt8](repeating: 7, count: 1_500_000)),
            sequence: 1)
        table.insert(big)
        model[big.key] = big
        let copy = table
        let copiedModel = model
        for step in 0..<60_000 {
            let key = "/k/\(Int.random(in: 0..<40_000, using: &random))"
            if step % 7 == 0 {
                table.removeValue(forKey: key)
                model[key] = nil
            } else {
                let value = ValueTableTests.varied(key, 40_000 + step)
                table.insert(value)
                model[key] = value
            }
        }
        #expect(table.count == model.count)
        #expect(model.allSatisfy { table[$0.key] == $0.value })
        #expect(copy.count == copiedModel.count)
        #expect(copiedModel.allSatisfy { copy[$0.key] == $0.value })
        var seen = 0
        copy.forEachEntry { entry in
            seen += 1
            if entry.body.count == 1_500_000 { #expect(entry.body.allSatisfy { $0 == 7 }) }
        }
        #expect(seen == copiedModel.count)
    }
}
