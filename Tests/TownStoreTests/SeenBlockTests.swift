import Foundation
import Testing
import TownTesting

@testable import TownStore

/// The blocks of a run of seen uuids: sorted as SQLite sorts blobs, and searched in halves.
@Suite struct SeenBlockTests {
    static func uuid(_ generator: inout SeededGenerator) -> WriteUUID {
        WriteUUID((0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) })!
    }

    /// `bytesPrecede` orders uuids as their bytes compare one by one (`memcmp`, SQLite's order).
    @Test(arguments: [1, 2, 3])
    func uuidsSortAsTheirBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        // Some share a first word, so the second decides.
        var uuids = (0..<200).map { _ in Self.uuid(&generator) }
        uuids += uuids.prefix(20).map { WriteUUID(Array($0.bytes.prefix(8)) + (0..<8).map { _ in UInt8(truncatingIfNeeded: generator.next()) })! }
        let sorted = uuids.sorted { $0.bytesPrecede($1) }
        let byBytes = uuids.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        #expect(sorted.map(\.bytes) == byBytes.map(\.bytes))
    }

    /// Every uuid of a block is found with its row; uuids it does not hold (before, between and
    /// after its own) are not.
    @Test(arguments: [1, 2, 3, 4])
    func aBlockFindsWhatItHoldsAndNothingElse(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let count = Int(generator.next() % UInt64(SeenBlock.capacity)) + 1
        let entries = (0..<count).map { _ in (uuid: Self.uuid(&generator), row: Int64(bitPattern: generator.next())) }
            .sorted { $0.uuid.bytesPrecede($1.uuid) }
        let block = SeenBlock.encode(entries[...])
        #expect(block.count == count * SeenBlock.entryBytes)
        block.withUnsafeBytes { block in
            for (uuid, row) in entries {
                #expect(uuid.bytes.withUnsafeBytes { SeenBlock.row(of: $0, in: block) } == row)
            }
            for _ in 0..<200 {
                let other = Self.uuid(&generator).bytes
                #expect(other.withUnsafeBytes { SeenBlock.row(of: $0, in: block) } == nil)
            }
            #expect([UInt8](repeating: 0, count: 16).withUnsafeBytes { SeenBlock.row(of: $0, in: block) } == nil)
            #expect([UInt8](repeating: 255, count: 16).withUnsafeBytes { SeenBlock.row(of: $0, in: block) } == nil)
            #expect([UInt8](repeating: 1, count: 15).withUnsafeBytes { SeenBlock.row(of: $0, in: block) } == nil)
        }
        #expect([UInt8]().withUnsafeBytes { empty in entries[0].uuid.bytes.withUnsafeBytes { SeenBlock.row(of: $0, in: empty) } } == nil)
    }
}
