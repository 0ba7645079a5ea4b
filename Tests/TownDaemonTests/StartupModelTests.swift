import Foundation
import Testing
import TownModel
import TownStore

@testable import TownDaemon

/// The model townd builds at start, in one pass over the stored rows, is the model the running
/// engine had built change by change: same aggregates, same standing violations, same live count.
@Suite struct StartupModelTests {
    static func write(_ key: String, _ value: String) -> IncomingWrite {
        IncomingWrite(key: key, body: Array(value.utf8), principal: .admin, channel: .collector)
    }

    @Test func restartRebuildsTheSameModel() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("startup-model-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/townd.sqlite"
        let schema = KeySchema()
        let running = try WriteEngine(store: try Store(path: path), schema: schema)
        _ = running.handle([
            // luli breaks the village rule, zhangzhai keeps it, liuzhai broke it and then mended it.
            Self.write("/village/luli/2023/collective_income", "100000"),
            Self.write("/village/luli/2023/operating_income", "250000"),
            Self.write("/village/zhangzhai/2023/collective_income", "900000"),
            Self.write("/village/zhangzhai/2023/operating_income", "400000"),
            Self.write("/village/liuzhai/2022/collective_income", "100"),
            Self.write("/village/liuzhai/2022/operating_income", "200"),
            // p1 breaks both project rules; p2 neither; p3 only progress.
            Self.write("/project/p1/village", "luli"),
            Self.write("/project/p1/investment_planned", "1000"),
            Self.write("/project/p1/investment_completed", "2000"),
            Self.write("/project/p1/progress", "100"),
            Self.write("/project/p2/investment_planned", "1000"),
            Self.write("/project/p2/investment_completed", "500"),
            Self.write("/project/p3/progress", "100"),
            Self.write("/project/p3/status", "in_progress"),
            Self.write("/town/2023/fixed_asset_investment", "12345"),
        ])
        _ = running.handle([
            Self.write("/village/liuzhai/2022/operating_income", "50"),
            Self.write("/project/p2/investment_completed", ""),
        ])
        let before = try #require(running.model)
        #expect(before.violations.count == 3 && before.allViolations.count == 4)

        let restarted = try WriteEngine(store: try Store(path: path), schema: schema)
        let after = try #require(restarted.model)
        #expect(after.indicators == before.indicators)
        #expect(after.violations == before.violations)
        #expect(after.allViolations.map(\.detail) == before.allViolations.map(\.detail))
        #expect(restarted.liveKeyCount == running.liveKeyCount)
        #expect(restarted.liveKeyCount == restarted.values.filter { !$0.isTombstone }.count)
        #expect(restarted.sequence == running.sequence)
    }
}
