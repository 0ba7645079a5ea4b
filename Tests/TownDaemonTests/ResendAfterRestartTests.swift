import Foundation
import Testing
import TownStore
import TownWire

@testable import TownDaemon

/// A resend after a restart is still recognised as a duplicate and a reused uuid still refused:
/// the uuids a previous run committed are found in the store, not only among the pending ones.
@Suite struct ResendAfterRestartTests {
    @Test func aResendAfterARestartIsStillADuplicate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seen-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/townd.sqlite"
        let writes = (0..<50).map { PipelineRollbackTests.submit("/k/\($0)", "\($0)") }
        do {
            let engine = try WriteEngine(store: try Store(path: path))
            #expect(engine.handle(writes).replies.allSatisfy { $0.reply.status == .applied })
        }
        let restarted = try WriteEngine(store: try Store(path: path))
        let resent = restarted.handle(writes)
        #expect(resent.replies.count == 50)
        #expect(resent.replies.allSatisfy { $0.reply.status == .duplicate })
        var reused = writes[7]
        reused.body = Array("other".utf8)
        let refused = restarted.handle([reused]).replies.first?.reply
        #expect(refused?.status == .rejected && refused?.reason == .uuidReuse)
        // Fresh uuids are decided as before.
        #expect(restarted.handle([PipelineRollbackTests.submit("/k/new", "1")]).replies.first?.reply.status == .applied)
    }
}
