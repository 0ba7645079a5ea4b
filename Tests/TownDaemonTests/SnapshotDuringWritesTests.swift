import Foundation
import Synchronization
import Testing
import TownClient
import TownMerge
import TownWire
import ZeroMQ

/// Snapshots are served on their own thread from a view the socket loop hands over while writes
/// keep coming: each snapshot is one committed point (no value newer than its sequence), and a
/// subscriber that applies the updates after that sequence arrives at the daemon's final state.
@Suite struct SnapshotDuringWritesTests {
    @Test func snapshotsTakenDuringWritesAreConsistentPoints() throws {
        let town = try TestDaemon()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        let keys = (0..<2_000).map { "/town/2023/figure_\($0)" }
        for chunk in stride(from: 0, to: keys.count, by: 250) {
            _ = try client.submit(keys[chunk..<min(keys.count, chunk + 250)].map { try admin.request($0, "0") })
        }
        let subscriber = try town.subscriber()
        _ = try subscriber.waitUntilJoined()

        // A writer keeps changing the keys while snapshots are taken (bounded: 40 rounds of 100).
        let writing = Atomic<Bool>(true)
        let context = town.context
        let submitEndpoint = town.endpoint(3)
        let writer = Thread {
            defer { writing.store(false, ordering: .releasing) }
            guard let client = try? SubmitClient(context: context, endpoint: submitEndpoint) else { return }
            var admin = Writer(origin: "admin")
            for round in 1...40 {
                let requests = (0..<100).compactMap { n in
                    try? admin.request(keys[(round * 37 + n * 13) % keys.count], String(round * 1_000 + n))
                }
                _ = try? client.submit(requests)
            }
        }
        writer.start()
        var snapshots: [Snapshot] = []
        while writing.load(ordering: .acquiring) && snapshots.count < 20 {
            snapshots.append(try town.snapshotClient().fetch(timeoutMilliseconds: 10_000))
        }
        while writing.load(ordering: .acquiring) { Thread.sleep(forTimeInterval: 0.01) }
        let final = try town.snapshotClient().fetch(timeoutMilliseconds: 10_000)
        #expect(!snapshots.isEmpty)
        for snapshot in snapshots + [final] {
            #expect(snapshot.values.count == keys.count)
            #expect(snapshot.values.values.allSatisfy { $0.sequence <= snapshot.sequence }, "a value newer than the snapshot")
        }

        // Every update the subscriber saw, by sequence (it joined before the first snapshot).
        var updates: [UInt64: KVMessage] = [:]
        var quiet = 0
        while quiet < 5 {
            if case .kvpub(let message) = try subscriber.next(timeoutMilliseconds: 200) {
                updates[message.sequence] = message
                quiet = 0
            } else {
                quiet += 1
            }
        }
        #expect(updates.keys.max() == final.sequence)
        for snapshot in snapshots {
            var state = snapshot.values.mapValues(\.body)
            for sequence in updates.keys.sorted() where sequence > snapshot.sequence {
                state[updates[sequence]!.key] = updates[sequence]!.body
            }
            #expect(state == final.values.mapValues(\.body), "snapshot at \(snapshot.sequence) plus later updates")
        }
    }
}
