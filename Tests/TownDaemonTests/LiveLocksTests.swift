import Foundation
import Testing
import TownModel
import TownStore
import TownTesting
import TownWire

@testable import TownDaemon

/// The engine keeps the live locks beside its values, so a write's lock check builds no key:
/// the set always equals the locks the values hold (through batches, deletes, rollbacks and a
/// restart), and a lock set or cleared earlier in the same batch counts for the writes after it.
@Suite struct LiveLocksTests {
    static func lock(_ key: String) -> LiveLocks.VillageYearText? { LiveLocks.parse(lockKey: key) }

    @Test func lockKeysAreParsedExactly() {
        #expect(Self.lock("/lock/luli/2023") == .init(village: "luli", year: "2023"))
        #expect(Self.lock("/lock//2023") == .init(village: "", year: "2023"))
        #expect(Self.lock("/lock/luli/2023/x") == nil)
        #expect(Self.lock("/lock/luli") == nil)
        #expect(Self.lock("/village/luli/2023") == nil)
        #expect(Self.lock("/locks/luli/2023") == nil)
    }

    /// The locks a table of values holds, counted the slow way.
    static func locks(in values: ValueTable) -> LiveLocks {
        var locks = LiveLocks()
        for value in values where !value.isTombstone { locks.update(key: value.key, live: true) }
        return locks
    }

    static func write(_ key: String, _ value: String) -> IncomingWrite {
        PipelineRollbackTests.submit(key, value)
    }

    static func temporaryPath() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("live-locks-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/townd.sqlite"
    }

    static func engine(path: String) throws -> WriteEngine {
        try WriteEngine(store: try Store(path: path), policy: ModelPolicy(schema: KeySchema()), schema: KeySchema())
    }

    @Test func aLockCountsFromTheWriteThatSetsIt() throws {
        let path = try Self.temporaryPath()
        let engine = try Self.engine(path: path)
        let figure = "/village/luli/2023/operating_income"
        var luli = Self.write(figure, "1")
        luli.principal = Principal("village:luli")
        func statuses(_ writes: [IncomingWrite]) -> [String] {
            engine.handle(writes).replies.map { $0.reply.reason?.rawValue ?? $0.reply.status.rawValue }
        }
        // Set then cleared in one batch: the figure between is refused, the one after applies.
        var second = Self.write(figure, "2")
        second.principal = luli.principal
        #expect(statuses([Self.write("/lock/luli/2023", "approved"), luli, Self.write("/lock/luli/2023", ""), second])
            == ["applied", "locked", "applied", "applied"])
        #expect(engine.locks.count == 0)
        #expect(statuses([Self.write("/lock/luli/2023", "approved")]) == ["applied"])
        var third = Self.write(figure, "3")
        third.principal = luli.principal
        #expect(statuses([third]) == ["locked"])
        #expect(engine.locks == Self.locks(in: engine.values))

        // A batch that clears the lock, rolled back: the lock holds again.
        guard case .pending = engine.prepare([Self.write("/lock/luli/2023", "")]) else {
            Issue.record("the batch should wait for its commit")
            return
        }
        #expect(engine.locks.count == 0)
        _ = engine.rollBack(StoreError(operation: "committing", message: "disk full"))
        #expect(engine.locks.count == 1)
        #expect(engine.locks == Self.locks(in: engine.values))

        // After a restart the stored lock is live again.
        let restarted = try Self.engine(path: path)
        #expect(restarted.locks == Self.locks(in: restarted.values))
        #expect(restarted.locks.count == 1)
    }

    @Test(arguments: [1, 2, 3])
    func theLocksAlwaysEqualTheLocksTheValuesHold(seed: UInt64) throws {
        let engine = try Self.engine(path: try Self.temporaryPath())
        var generator = SeededGenerator(seed: seed)
        let villages = ["luli", "zhuyang", "sankui"]
        for _ in 0..<60 {
            let writes = (0..<Int(1 + generator.next() % 5)).map { _ in
                let village = villages[Int(generator.next() % 3)]
                let year = 2022 + Int(generator.next() % 3)
                return generator.next() % 3 == 0
                    ? Self.write("/village/\(village)/\(year)/collective_income", "\(generator.next() % 1000)")
                    : Self.write("/lock/\(village)/\(year)", generator.next() % 2 == 0 ? "approved" : "")
            }
            if generator.next() % 4 == 0, case .pending = engine.prepare(writes) {
                _ = engine.rollBack(StoreError(operation: "committing", message: "disk full"))
            } else {
                _ = engine.handle(writes)
            }
            #expect(engine.locks == Self.locks(in: engine.values))
        }
    }
}
