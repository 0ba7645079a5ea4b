import Testing
import TownModel
import TownTesting

@Suite struct IndicatorStateTests {
    let schema = KeySchema()

    func demoValues() -> [String: String] {
        Dictionary(DemoDataSet.allWrites().map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
    }

    @Test func theDemoDataReproducesThePublishedFigures() {
        let state = IndicatorState.recompute(schema: schema, values: demoValues())
        func value(_ id: String, _ year: Int = 2023) -> String? { state.value(of: IndicatorRef(year: year, id: id)) }
        #expect(value("village_collective_income_total") == "14000000")
        #expect(value("village_collective_income_growth_pct") == "27.59")
        #expect(value("village_operating_income_total") == "10470000")
        #expect(value("village_operating_income_growth_pct") == "34.02")
        #expect(value("villages_operating_income_ge_500k") == "7")
        #expect(value("fixed_asset_investment") == "121000000")
        #expect(value("fixed_asset_investment_completion_pct") == "108.00")
        #expect(value("abandoned_farmland_restored_mu") == "649.20")
        #expect(value("project_investment_completed_total") == "5000000")
        #expect(value("village_collective_income_total", 2022) == "10972647")
        #expect(value("village_collective_income_growth_pct", 2022) == nil)
        #expect(value("fixed_asset_investment_completion_pct", 2024) == nil)
        #expect(state.target("fixed_asset_investment", year: 2024)?.text == "145200000")
        let atLeast = DemoDataSet.villageFigures.filter { $0.4 >= 500_000 }.map(\.0).sorted()
        #expect(atLeast == ["jianzhou", "liuzhai", "luli", "quchitan", "shangwuyang", "xuewai", "zhangzhai"])
    }

    /// Property: any sequence of sets and deletes applied incrementally gives the same indicators
    /// as a recomputation from the final values.
    @Test(arguments: 0..<40)
    func incrementalEqualsRecomputation(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let villages = ["luli", "zhangzhai", "xuenei", "anqian"]
        let keys =
            villages.flatMap { v in [2022, 2023, 2024].flatMap { y in ["collective_income", "operating_income"].map { "/village/\(v)/\(y)/\($0)" } } }
            + ["/project/a/investment_completed", "/project/b/investment_completed", "/town/2023/fixed_asset_investment",
               "/town/2022/fixed_asset_investment", "/target/2023/fixed_asset_investment"]
        var values: [String: String] = [:]
        var state = IndicatorState(schema: schema)
        for _ in 0..<200 {
            let key = random.pick(keys)
            let new: String? = random.chance(0.2) ? nil : String(random.pick([0, 1, 499_999, 500_000, 820_000, 2_150_000]))
            let kind = try! schema.classify(key)
            state.apply(kind, old: values[key], new: new)
            values[key] = new
        }
        let fresh = IndicatorState.recompute(schema: schema, values: values)
        #expect(state.values(years: 2021...2025) == fresh.values(years: 2021...2025), "seed \(seed)")
    }

    @Test func validationRulesFindTheThreeKindsOfViolation() {
        let rules = ValidationRules(schema: schema)
        let values = [
            "/village/luli/2023/collective_income": "100", "/village/luli/2023/operating_income": "200",
            "/project/p1/investment_planned": "10", "/project/p1/investment_completed": "20",
            "/project/p1/progress": "100", "/project/p1/status": "under_construction",
            "/project/p2/progress": "100", "/project/p2/status": "in_use",
        ]
        let found = rules.all(values: values)
        #expect(found.map(\.rule).sorted() == ["completed_above_planned", "operating_above_collective", "progress_100_not_completed"])
        #expect(found.first { $0.rule == "operating_above_collective" }?.detail.contains("卢梨村") == true)
        #expect(rules.all(values: Dictionary(DemoDataSet.allWrites().map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })).isEmpty)
    }
}

@Suite struct IndicatorReportTests {
    @Test func targetsOfANewYearShowWithZeroProgress() {
        let values = Dictionary(DemoDataSet.allWrites().map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        let report = IndicatorReport(schema: KeySchema(), values: values, year: 2024)
        let investment = report.rows.first { $0.indicator.id == "fixed_asset_investment" }
        #expect(investment?.target == "145200000")
        #expect(investment?.progress?.text == "0.00")
        #expect(report.rows.filter { $0.target != nil }.count == 16)
        let last = IndicatorReport(schema: KeySchema(), values: values, year: 2023)
        #expect(last.rows.first { $0.indicator.id == "fixed_asset_investment" }?.progress?.text == "108.00")
    }
}
