import Foundation
import Testing
import TownAgent
import TownMerge
import TownTesting
import TownWire

@Suite struct AgentStoreTests {
    static func store(clock: ManualClock = ManualClock(milliseconds: 1_700_000_000_000)) throws -> AgentStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try AgentStore(path: directory + "/agent.sqlite", origin: "village:luli", physicalClock: clock)
    }

    static func reply(_ entry: OutboxEntry, _ status: SubmitStatus, reason: RejectReason? = nil, clock: LogicalTime, body: String = "") -> SubmitReply {
        SubmitReply(key: entry.key, uuid: entry.uuid, sequence: 1, status: status, reason: reason, detail: "why", current: nil, clock: clock, body: Array(body.utf8))
    }

    @Test func entriesAreStampedAtEntryAndLeaveOnlyWhenAnswered() throws {
        let clock = ManualClock(milliseconds: 1_700_000_000_000)
        let store = try Self.store(clock: clock)
        let entries = try store.enqueue([("/village/luli/2023/collective_income", "2150000", nil), ("/village/luli/2023/operating_income", "820000", nil)])
        #expect(entries[0].stamp < entries[1].stamp)
        #expect(entries[0].stamp.wallMilliseconds == 1_700_000_000_000)
        clock.advance(by: 5000)
        #expect(try store.outbox(state: .pending).map(\.stamp) == entries.map(\.stamp))

        #expect(try store.record(Self.reply(entries[0], .applied, clock: LogicalTime(wallMilliseconds: 1_700_000_009_000)), for: entries[0]) == .delivered(status: "applied", townValue: nil))
        #expect(try store.record(Self.reply(entries[1], .superseded, clock: LogicalTime(wallMilliseconds: 1_700_000_009_000), body: "900000"), for: entries[1]) == .delivered(status: "superseded", townValue: "900000"))
        #expect(try store.outbox().isEmpty)
        #expect(try store.delivered().first?.townValue == "900000")
        // The town's clock was adopted: the next stamp is after it, although this PC is behind.
        let next = try store.enqueue([("/village/luli/2024/collective_income", "1", nil)])
        #expect(next[0].stamp.time > LogicalTime(wallMilliseconds: 1_700_000_009_000))
        #expect(try store.lastContact() != nil)
    }

    @Test func aRejectedEntryStaysVisibleAndClockAheadIsRestampedOnce() throws {
        let fast = ManualClock(milliseconds: 1_700_086_400_000)  // a day ahead of the town
        let store = try Self.store(clock: fast)
        let entries = try store.enqueue([("/village/luli/2023/collective_income", "1", nil), ("/village/luli/2023/operating_income", "-", nil)])
        let town = LogicalTime(wallMilliseconds: 1_700_000_000_000, counter: 3)
        guard case .restamped(let from, let to) = try store.record(Self.reply(entries[0], .rejected, reason: .clockAhead, clock: town), for: entries[0]) else {
            Issue.record("expected a restamp")
            return
        }
        #expect(from == entries[0].stamp)
        #expect(to.time > town && to.wallMilliseconds == town.wallMilliseconds)
        let restamped = try #require(try store.outbox(state: .pending).first { $0.id == entries[0].id })
        #expect(restamped.restamped && restamped.stamp == to)
        // A second clock-ahead is not retried forever.
        #expect(try store.record(Self.reply(restamped, .rejected, reason: .clockAhead, clock: town), for: restamped) == .failed(reason: "clock-ahead", detail: "why"))
        #expect(try store.record(Self.reply(entries[1], .rejected, reason: .invalidValue, clock: town), for: entries[1]) == .failed(reason: "invalid-value", detail: "why"))
        #expect(try store.outbox(state: .failed).count == 2)
        #expect(try store.outbox(state: .pending).isEmpty)
        #expect(try store.clockAheadMilliseconds()! > 86_000_000)
        #expect(try store.clearFailed() == 2)
    }

    @Test func backoffIsCappedAndJittered() {
        var backoff = Backoff(initialMilliseconds: 500, maximumMilliseconds: 30_000)
        var random = SeededGenerator(seed: 1)
        let waits = (0..<12).map { _ in backoff.failed(using: &random) }
        #expect(waits[0] >= 250 && waits[0] <= 500)
        #expect(waits[3] >= 2000 && waits[3] <= 4000)
        #expect(waits.allSatisfy { $0 <= 30_000 })
        #expect(waits.suffix(4).allSatisfy { $0 >= 15_000 })
        backoff.succeeded()
        #expect(backoff.failed(using: &random) <= 500)
    }
}

/// The outbox's writer syncs every commit (GRDB's pool would leave it at NORMAL).
@Suite struct AgentStoreSynchronousTests {
    @Test func theOutboxWriterIsFull() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agent-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try AgentStore(path: directory.appendingPathComponent("agent.sqlite").path, origin: "village:luli")
        #expect(try store.writerSynchronousLevel() == 2)
    }
}
