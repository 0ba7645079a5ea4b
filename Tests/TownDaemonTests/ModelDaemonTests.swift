import Foundation
import Testing
import TownClient
import TownMerge
import TownModel
import TownTesting
import TownWire

/// townd with the town indicator model on: schema, derived indicators, validation rules.
@Suite struct ModelDaemonTests {
    static func modelDaemon() throws -> TestDaemon { try TestDaemon { $0.modelEnabled = true } }

    /// Sends every write as its writer would, through the submit socket.
    static func load(_ writes: [DemoDataSet.Write], into town: TestDaemon) throws -> [SubmitReply] {
        let client = try town.submitClient()
        var clocks: [String: Writer] = [:]
        var requests: [SubmitRequest] = []
        for write in writes {
            var writer = clocks[write.writer] ?? Writer(origin: write.writer)
            requests.append(try writer.request(write.key, write.value))
            clocks[write.writer] = writer
        }
        let replies = try client.submit(requests, timeoutMilliseconds: 10_000)
        return requests.compactMap { replies[$0.uuid] }
    }

    @Test func theDemoDataSetGivesThePublishedIndicators() throws {
        let town = try Self.modelDaemon()
        let replies = try Self.load(DemoDataSet.allWrites(), into: town)
        #expect(replies.count == DemoDataSet.allWrites().count)
        #expect(replies.allSatisfy { $0.status == .applied }, "\(replies.filter { $0.status != .applied }.map { "\($0.key): \($0.detail ?? "")" })")
        let snapshot = try town.snapshotClient().fetch(subtree: "/indicator/2023/")
        #expect(snapshot.text("/indicator/2023/village_collective_income_total") == "14000000")
        #expect(snapshot.text("/indicator/2023/village_collective_income_growth_pct") == "27.59")
        #expect(snapshot.text("/indicator/2023/village_operating_income_total") == "10470000")
        #expect(snapshot.text("/indicator/2023/village_operating_income_growth_pct") == "34.02")
        #expect(snapshot.text("/indicator/2023/villages_operating_income_ge_500k") == "7")
        #expect(snapshot.text("/indicator/2023/fixed_asset_investment_completion_pct") == "108.00")
        #expect(snapshot.text("/indicator/2023/project_investment_completed_total") == "5000000")
        #expect(try snapshot.values["/indicator/2023/village_collective_income_total"]?.stamp()?.origin == "townd")
        let targets = try town.snapshotClient().fetch(subtree: "/target/2024/")
        #expect(targets.text("/target/2024/fixed_asset_investment") == "145200000")
        let everything = try town.snapshotClient().fetch()
        let report = IndicatorReport(schema: KeySchema(), values: everything.values.mapValues { String(decoding: $0.body, as: UTF8.self) }, year: 2024)
        #expect(report.rows.first { $0.indicator.id == "fixed_asset_investment" }?.progress?.text == "0.00")
        let changed = try town.events().filter { $0["kind"] as? String == "indicator.changed" }
        #expect(changed.contains { $0["key"] as? String == "/indicator/2023/villages_operating_income_ge_500k" && $0["value"] as? String == "7" })
    }

    @Test func schemaRejectionsAreRepliedWithTheirReason() throws {
        let town = try Self.modelDaemon()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        let unknown = try client.submit(luli.request("/village/luli/2023/profit", "1"))
        #expect(unknown.status == .rejected && unknown.reason == .unknownKey)
        let negative = try client.submit(luli.request("/village/luli/2023/collective_income", "-5"))
        #expect(negative.reason == .invalidValue && negative.detail?.contains("卢梨村") == true)
        let fraction = try client.submit(luli.request("/village/luli/2023/collective_income", "12.5"))
        #expect(fraction.reason == .invalidValue)
        var admin = Writer(origin: "admin")
        #expect(try client.submit(admin.request("/project/p1/status", "finished")).reason == .invalidValue)
        #expect(try client.submit(admin.request("/project/p1/progress", "101")).reason == .invalidValue)
        #expect(try client.submit(admin.request("/village/atlantis/2023/collective_income", "1")).reason == .invalidValue)
        #expect(try client.submit(admin.request("/village/luli/1999/collective_income", "1")).reason == .invalidValue)
        #expect(try client.submit(admin.request("/indicator/2023/village_collective_income_total", "1")).reason == .unauthorized)
        #expect(try town.snapshotClient().fetch().values.isEmpty)
    }

    @Test func crossFieldRulesAreReportedNotRejected() throws {
        let town = try Self.modelDaemon()
        let client = try town.submitClient()
        var luli = Writer(origin: "village:luli")
        var admin = Writer(origin: "admin")
        #expect(try client.submit(luli.request("/village/luli/2023/collective_income", "100000")).status == .applied)
        #expect(try client.submit(luli.request("/village/luli/2023/operating_income", "200000")).status == .applied)
        #expect(try client.submit(admin.request("/project/p1/investment_planned", "10")).status == .applied)
        #expect(try client.submit(admin.request("/project/p1/investment_completed", "20")).status == .applied)
        #expect(try client.submit(admin.request("/project/p1/progress", "100")).status == .applied)
        #expect(try client.submit(luli.request("/village/luli/2023/collective_income", "300000")).status == .applied)
        let events = try town.events()
        let violations = events.filter { $0["kind"] as? String == "validation.violation" }.compactMap { $0["rule"] as? String }
        #expect(violations.sorted() == ["completed_above_planned", "operating_above_collective", "progress_100_not_completed"])
        let resolved = events.filter { $0["kind"] as? String == "validation.resolved" }.compactMap { $0["rule"] as? String }
        #expect(resolved == ["operating_above_collective"])
    }

    @Test func locksAreEvents() throws {
        let town = try Self.modelDaemon()
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        var luli = Writer(origin: "village:luli")
        #expect(try client.submit(admin.request("/lock/luli/2023", "approved")).status == .applied)
        #expect(try client.submit(luli.request("/village/luli/2023/collective_income", "1")).reason == .locked)
        #expect(try client.submit(admin.request("/lock/luli/2023", "")).status == .applied)
        let kinds = try town.events().compactMap { $0["kind"] as? String }
        #expect(kinds.contains("lock.set") && kinds.contains("lock.cleared"))
    }

    /// Property: however the villages' writes arrive (shuffled, duplicated, with stale edits that
    /// lose), the published indicators equal a recomputation from the final values.
    @Test(arguments: 0..<4)
    func indicatorsSurviveOutOfOrderAndDuplicatedDelivery(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let town = try Self.modelDaemon()
        let client = try town.submitClient()
        _ = try Self.load(DemoDataSet.townWrites(), into: town)
        var requests: [SubmitRequest] = []
        for village in VillageRegistry.sankui.villages {
            var writer = Writer(origin: "village:\(village.id)")
            // A stale edit stamped first, delivered in random order with the real figures.
            for write in DemoDataSet.villageWrites(village.id) where random.chance(0.5) {
                requests.append(try writer.request(write.key, String(Int.random(in: 0...3_000_000, using: &random))))
            }
            for write in DemoDataSet.villageWrites(village.id) { requests.append(try writer.request(write.key, write.value)) }
        }
        var delivery = requests.shuffled(using: &random)
        for _ in 0..<20 { delivery.append(random.pick(requests)) }
        var replies: [SubmitReply] = []
        for chunk in stride(from: 0, to: delivery.count, by: 17) {
            let part = Array(delivery[chunk..<min(chunk + 17, delivery.count)])
            let answered = try client.submit(part, timeoutMilliseconds: 10_000)
            replies += part.compactMap { answered[$0.uuid] }
        }
        #expect(replies.count == delivery.count)
        #expect(replies.allSatisfy { $0.status != .rejected })
        let snapshot = try town.snapshotClient().fetch()
        let values = snapshot.values.mapValues { String(decoding: $0.body, as: UTF8.self) }
        let fresh = IndicatorState.recompute(schema: KeySchema(), values: values.filter { !$0.key.hasPrefix("/indicator/") })
        for (ref, value) in fresh.values(years: 2022...2024) where value != "0" {
            #expect(values[ref.key] == value, "seed \(seed): \(ref.key)")
        }
        #expect(values["/indicator/2023/village_operating_income_growth_pct"] == "34.02")
        #expect(values["/indicator/2023/villages_operating_income_ge_500k"] == "7")
    }

    @Test func indicatorsAreReconciledAtStart() throws {
        // Data written without the model, then the daemon restarts with it: indicators appear.
        let town = try TestDaemon()
        _ = try Self.load(DemoDataSet.allWrites(), into: town)
        #expect(try town.snapshotClient().fetch(subtree: "/indicator/").values.isEmpty)
        town.stop()
        let modelled = try TestDaemon(directory: town.directory) { $0.modelEnabled = true }
        let snapshot = try modelled.snapshotClient().fetch(subtree: "/indicator/2023/")
        #expect(snapshot.text("/indicator/2023/village_collective_income_growth_pct") == "27.59")
    }
}
