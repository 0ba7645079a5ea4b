import Foundation
import Testing
import TownModel
import TownStore
import TownWire

@testable import TownDaemon

/// The engine decides a batch while the one before it is still being committed. When a commit
/// fails, that batch and every batch decided on top of it are undone: values, sequence, live
/// count, ttl schedule and model go back to the committed state, and every write is answered
/// `rejected`/`storage`.
@Suite struct PipelineRollbackTests {
    static func submit(_ key: String, _ value: String, ttl: UInt32? = nil) -> IncomingWrite {
        var uuid = [UInt8](repeating: 0, count: 16)
        for index in uuid.indices { uuid[index] = UInt8.random(in: 0...255) }
        return IncomingWrite(
            key: key, uuid: uuid, ttlSeconds: ttl, body: Array(value.utf8), principal: .admin, channel: .collector,
            replyTo: [[1]])
    }

    @Test func failedCommitUndoesEveryPendingBatch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/townd.sqlite")
        let engine = try WriteEngine(store: store, schema: KeySchema())
        _ = engine.handle([Self.submit("/village/luli/2023/collective_income", "100000")])
        let committedValues = engine.values
        let committedSequence = engine.sequence
        let committedModel = try #require(engine.model)
        let committedLive = engine.liveKeyCount

        // Two batches decided back to back, the second on top of the first.
        let first = [
            Self.submit("/village/luli/2023/collective_income", "200000"),
            Self.submit("/village/luli/2023/operating_income", "300000"),
        ]
        let second = [
            Self.submit("/village/luli/2023/operating_income", ""),
            Self.submit("/agent/luli/presence", "online", ttl: 30),
        ]
        guard case .pending = engine.prepare(first), case .pending = engine.prepare(second) else {
            Issue.record("both batches should wait for a commit")
            return
        }
        #expect(engine.sequence > committedSequence)
        #expect(engine.nextExpiryMilliseconds != nil)

        let output = engine.rollBack(StoreError(operation: "committing", message: "disk full"))
        #expect(output.replies.count == 4)
        #expect(output.replies.allSatisfy { $0.reply.status == .rejected && $0.reply.reason == .storage })
        #expect(engine.values == committedValues)
        #expect(engine.sequence == committedSequence)
        #expect(engine.committedSequence == committedSequence)
        #expect(engine.liveKeyCount == committedLive)
        #expect(engine.nextExpiryMilliseconds == nil)
        #expect(engine.model?.indicators == committedModel.indicators)
        #expect(engine.model?.violations == committedModel.violations)
        #expect(!engine.hasPendingBatches)

        // The same writes (same uuids) go through afterwards: nothing of them was remembered.
        let retried = engine.handle(first)
        #expect(retried.replies.map(\.reply.status) == [.applied, .applied])
        #expect(engine.sequence > committedSequence)
        #expect(try store.load().values["/village/luli/2023/operating_income"]?.version.text == "300000")
    }

    @Test func laterBatchSeesEarlierPendingUuids() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try Store(path: directory + "/townd.sqlite")
        let engine = try WriteEngine(store: store)
        let write = Self.submit("/a", "1")
        guard case .pending(let first) = engine.prepare([write]), case .pending(let second) = engine.prepare([write])
        else {
            Issue.record("both batches should wait for a commit")
            return
        }
        // Decided but not committed: heartbeats must not announce it yet.
        #expect(engine.sequence == 1 && engine.committedSequence == 0)
        try store.commit(first.batch)
        #expect(engine.confirmOldest().replies.map(\.reply.status) == [.applied])
        #expect(engine.committedSequence == 1)
        try store.commit(second.batch)
        // The resend in the second batch was recognised though its uuid was not yet in the store.
        #expect(engine.confirmOldest().replies.map(\.reply.status) == [.duplicate])
        // Both confirmed: the uuid is asked of the store now, and still a duplicate.
        #expect(engine.pendingSeen.isEmpty)
        #expect(engine.handle([write]).replies.map(\.reply.status) == [.duplicate])
    }

    /// A uuid sent twice in one batch: the second is the first's duplicate, and a reuse of it for
    /// other content in the same batch is refused.
    @Test func aBatchSeesItsOwnUuids() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try WriteEngine(store: try Store(path: directory + "/townd.sqlite"))
        let write = Self.submit("/a", "1")
        var reused = write
        reused.body = Array("2".utf8)
        let replies = engine.handle([write, write, reused]).replies.map { $0.reply.reason?.rawValue ?? $0.reply.status.rawValue }
        #expect(replies == ["applied", "duplicate", "uuid-reuse"])
    }
}
