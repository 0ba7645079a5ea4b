import Foundation
import Testing
import TownClient
import TownStore
import TownTesting
import TownWire

/// The database on a filesystem that fills up: townd answers `rejected`/`storage`, keeps serving,
/// and never acknowledges a write it did not store. Needs root (it mounts a small tmpfs); skipped
/// with a message otherwise.
@Suite(.serialized) struct StorageFaultTests {
    static let canMount: Bool = {
        guard getuid() == 0 else {
            print("StorageFaultTests: skipped: mounting a small tmpfs needs root")
            return false
        }
        let probe = Executables.temporaryDirectory()
        let mounted = (try? Executables.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]).status) == 0
        if mounted { _ = try? Executables.run("/bin/umount", [probe]) } else {
            print("StorageFaultTests: skipped: this machine does not allow mounting a tmpfs")
        }
        return mounted
    }()

    @Test(.enabled(if: canMount, "needs root and tmpfs"))
    func aFullDiskIsRejectedStorageAndNothingUnstoredIsAcknowledged() throws {
        let mountPoint = Executables.temporaryDirectory()
        let logs = Executables.temporaryDirectory()
        #expect(try Executables.run("/bin/mount", ["-t", "tmpfs", "-o", "size=768k", "tmpfs", mountPoint]).status == 0)
        defer { _ = try? Executables.run("/bin/umount", ["-l", mountPoint]) }
        let town = try TestDaemon(directory: mountPoint + "/state") { $0.eventsLogPath = logs + "/events.jsonl" }
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        var applied: [String: SubmitRequest] = [:]
        var refused: [SubmitRequest] = []
        let value = String(repeating: "x", count: 2000)
        for round in 0..<60 where refused.isEmpty {
            let requests = try (0..<20).map { try admin.request("/town/2023/fill_\(round)_\($0)", value) }
            let replies = try client.submit(requests, timeoutMilliseconds: 10_000)
            #expect(replies.count == requests.count)
            for request in requests {
                guard let reply = replies[request.uuid] else { continue }
                if reply.status == .applied { applied[request.key] = request }
                if reply.status == .rejected {
                    #expect(reply.reason == .storage, "\(reply.detail ?? "")")
                    refused.append(request)
                }
            }
        }
        #expect(!refused.isEmpty, "the disk never filled")
        #expect(!applied.isEmpty)
        // Still serving, and what it serves is exactly what was acknowledged.
        let snapshot = try town.snapshotClient().fetch(timeoutMilliseconds: 3000)
        for (key, request) in applied { #expect(snapshot.values[key]?.body == request.body, "\(key)") }
        for request in refused { #expect(snapshot.values[request.key] == nil, "\(request.key) was refused but is served") }
        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.contains("storage.error"))
        town.stop()
        // And the database on disk holds every acknowledged write and nothing refused.
        let copy = Executables.temporaryDirectory()
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: town.configuration.databasePath + suffix) {
            try FileManager.default.copyItem(atPath: town.configuration.databasePath + suffix, toPath: copy + "/townd.sqlite" + suffix)
        }
        let store = try Store(path: copy + "/townd.sqlite")
        let stored = try store.load().values
        for (key, request) in applied { #expect(stored[key]?.version.body == request.body, "\(key) acknowledged but not stored") }
        for request in refused { #expect(stored[request.key] == nil) }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test(.enabled(if: canMount, "needs root and tmpfs"))
    func aReadOnlyDataDirectoryIsAClearErrorAtStart() throws {
        let mountPoint = Executables.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: mountPoint + "/state", withIntermediateDirectories: true)
        #expect(try Executables.run("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", mountPoint]).status == 0)
        defer { _ = try? Executables.run("/bin/umount", ["-l", mountPoint]) }
        let result = try Executables.run(
            "townd", ["--data-dir", mountPoint + "/state", "--base-port", String(PortAllocator.basePort())], seconds: 20)
        #expect(result.status != 0)
        #expect(result.output.contains("storage") && result.output.contains(mountPoint), "\(result.output)")
    }
}
