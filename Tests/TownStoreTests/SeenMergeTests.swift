import Foundation
import Testing
import TownTesting

@testable import TownStore

/// Merging runs of seen uuids: the output is the sorted union of the inputs, each uuid once, in
/// full blocks, whatever the budget of each step.
@Suite struct SeenMergeTests {
    @Test(arguments: [1, 2, 3, 4, 5])
    func theOutputIsTheSortedUnionInFullBlocks(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        var all: [WriteUUID: Int64] = [:]
        var blocks: [Int64: [(first: [UInt8], entries: [UInt8])]] = [:]
        var runs: [(run: Int64, entries: Int)] = []
        for run in Int64(1)...Int64(generator.next() % 4 + 2) {
            var entries = (0..<Int(generator.next() % 600)).map { _ in
                (uuid: SeenBlockTests.uuid(&generator), row: Int64(generator.next() % 1_000_000))
            }
            // Some uuids are in an earlier run too (a run written again after a crash).
            if let earlier = all.first { entries.append((earlier.key, earlier.value)) }
            entries.sort { $0.uuid.bytesPrecede($1.uuid) }
            for (uuid, row) in entries { all[uuid] = all[uuid] ?? row }
            var start = 0
            while start < entries.count {
                let end = min(start + Int(generator.next() % UInt64(SeenBlock.capacity)) + 1, entries.count)
                blocks[run, default: []].append((entries[start].uuid.bytes, SeenBlock.encode(entries[start..<end])))
                start = end
            }
            runs.append((run, entries.count))
        }
        var merge = SeenMerge(output: 99, runs: runs)
        var output: [(first: [UInt8], entries: [UInt8])] = []
        var steps = 0
        while merge.phase == .merging, steps < 10_000 {
            steps += 1
            try merge.merge(
                budget: Int(generator.next() % 300) + 1,
                fetch: { run, after in
                    blocks[run]?.first { !after.isEmpty ? $0.first.lexicographicallyPrecedes(after) == false && $0.first != after : true }
                },
                write: { output.append(($0, $1)) })
        }
        #expect(merge.phase == .deleting)
        let entries = output.flatMap(\.entries)
        let uuids = stride(from: 0, to: entries.count, by: SeenBlock.entryBytes).map { Array(entries[$0..<$0 + 16]) }
        #expect(uuids == all.keys.sorted { $0.bytesPrecede($1) }.map(\.bytes))
        #expect(merge.written == all.count)
        // Every block but the last is full, and each is keyed by its first uuid.
        for block in output.dropLast() { #expect(block.entries.count == SeenBlock.capacity * SeenBlock.entryBytes) }
        for block in output { #expect(block.first == Array(block.entries.prefix(16))) }
        // Each uuid is found with a row it was given.
        for block in output {
            block.entries.withUnsafeBytes { bytes in
                let uuid = Array(block.entries.prefix(16))
                #expect(uuid.withUnsafeBytes { SeenBlock.row(of: $0, in: bytes) } == all[WriteUUID(uuid)!])
            }
        }
        merge.finishDeleting()
        #expect(merge.phase == .finished)
    }
}
