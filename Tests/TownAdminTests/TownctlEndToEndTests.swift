import Foundation
import Testing
import TownAdmin
import TownClient
import TownModel
import TownTesting
import ZeroMQ

/// townctl, townd and village-agent, all real executables, over loopback.
@Suite(.serialized) struct TownctlEndToEndTests {
    let directory = Executables.temporaryDirectory()
    let port = PortAllocator.basePort()

    func townctl(_ arguments: [String], color: String = "never") throws -> (status: Int32, output: String) {
        try Executables.run("townctl", arguments + ["--base-port", String(port), "--data-dir", directory + "/town", "--color", color])
    }

    func agent(_ arguments: [String], state: String = "luli") throws -> (status: Int32, output: String) {
        try Executables.run("village-agent", arguments + ["--village", "luli", "--state-dir", directory + "/" + state, "--base-port", String(port)])
    }

    func withTownd(_ body: () throws -> Void) throws {
        let townd = try Executables.start("townd", ["--data-dir", directory + "/town", "--base-port", String(port)], outputPath: directory + "/townd.log")
        defer { _ = Executables.stop(townd) }
        let deadline = Date().addingTimeInterval(15)
        var up = false
        while !up && Date() < deadline {
            up = (try? townctl(["status", "--timeout-ms", "300"]).status) == 0
        }
        try #require(up)
        try body()
    }

    @Test func theAdminStory() throws {
        try withTownd {
            // Events streamed while an agent submits.
            let events = try Executables.start(
                "townctl", ["events", "--base-port", String(port), "--seconds", "6", "--color", "never"], outputPath: directory + "/events.out")
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try agent(["report", "income", "--year", "2023", "--collective", "180万", "--operating", "138万"]).status == 0)
            #expect(try agent(["sync"]).status == 0)

            // A correction by set supersedes the village's figure; the village sees it.
            let set = try townctl(["set", "/village/luli/2023/collective_income", "1850000"])
            #expect(set.status == 0 && set.output.contains("applied"), "\(set.output)")
            #expect(try agent(["report", "income", "--year", "2022", "--collective", "1410647"]).status == 0)
            #expect(try agent(["sync"]).status == 0)
            let seen = try agent(["status"])
            #expect(seen.output.contains("2023/collective_income  1850000 by admin"), "\(seen.output)")

            // Lock, then the village's write is refused.
            #expect(try townctl(["lock", "luli", "2023"]).status == 0)
            #expect(try agent(["report", "income", "--year", "2023", "--operating", "140万"]).status == 0)
            let refused = try agent(["sync"])
            #expect(refused.status == 2 && refused.output.contains("locked"), "\(refused.output)")
            #expect(try townctl(["unlock", "luli", "2023"]).status == 0)

            // History shows all of it.
            let history = try townctl(["history", "/village/luli/2023/collective_income"])
            #expect(history.output.contains("1800000") && history.output.contains("1850000"), "\(history.output)")
            let operating = try townctl(["history", "/village/luli/2023/operating_income"])
            #expect(operating.output.contains("rejected") && operating.output.contains("locked"))

            // The indicators table matches the model.
            let table = try townctl(["indicators", "--year", "2023"])
            #expect(table.output.contains("Village collective-economy income, all villages"))
            #expect(table.output.contains("185.00"), "\(table.output)")
            let json = try townctl(["indicators", "--year", "2023", "--json"])
            let document = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as! [String: Any]
            let rows = document["indicators"] as! [[String: Any]]
            #expect(rows.first { $0["id"] as? String == "village_collective_income_total" }?["value"] as? String == "1850000")
            #expect(rows.first { $0["id"] as? String == "village_collective_income_growth_pct" }?["value"] as? String == "31.15")
            let csv = try townctl(["indicators", "--year", "2024", "--csv"])
            #expect(csv.output.split(separator: "\n").count == Catalog.sankui.indicators.count + 1)
            #expect(csv.output.contains("2024,fixed_asset_investment,固定资产投资,Fixed-asset investment,yuan,,145200000,0.00"), "\(csv.output)")

            _ = Executables.stop(events)
            let streamed = try String(contentsOfFile: directory + "/events.out", encoding: .utf8)
            #expect(streamed.contains("submit.applied") && streamed.contains("卢梨村"), "\(streamed)")
            #expect(streamed.contains("lock.set"))
        }
    }

    @Test func outputForATerminalAndForAPipe() throws {
        try withTownd {
            _ = try townctl(["set", "/town/2023/hq_return_enterprises", "4"])
            let plain = try townctl(["indicators", "--year", "2023"], color: "auto")  // a file, not a terminal
            #expect(!plain.output.contains("\u{1B}["))
            let coloured = try townctl(["indicators", "--year", "2023"], color: "always")
            #expect(coloured.output.contains("\u{1B}[1m"))
            let events = try townctl(["events", "--file", directory + "/town/events.jsonl", "--json"])
            for line in events.output.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
            }
            let export = try townctl(["export", "--format", "csv"])
            #expect(export.output.hasPrefix("key,value,stamp,origin,sequence\n"))
            #expect(export.output.contains("/town/2023/hq_return_enterprises,4,"))
        }
    }

    @Test func aDaemonThatIsDownIsAClearErrorNotAHang() throws {
        let started = Date()
        let result = try townctl(["status", "--timeout-ms", "500"])
        #expect(result.status == 1)
        #expect(result.output.contains("did not answer within 500 ms"))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try townctl(["set", "/town/2023/hq_return_enterprises", "4", "--timeout-ms", "500"]).status == 1)
    }
}
