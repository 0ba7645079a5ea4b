import Testing
import TownModel
import TownTesting

@Suite struct KeySchemaTests {
    let schema = KeySchema()

    @Test func theDefaultCatalogHasTheRequiredIndicatorsAndTargets() throws {
        let catalog = Catalog.sankui
        for id in [
            "village_collective_income_total", "village_collective_income_growth_pct", "village_operating_income_total",
            "village_operating_income_growth_pct", "villages_operating_income_ge_500k",
            "project_investment_completed_total", "fixed_asset_investment_completion_pct",
        ] {
            #expect(catalog.indicator(id) != nil, "\(id)")
        }
        #expect(catalog.target("fixed_asset_investment", year: 2024) == "145200000")
        #expect(catalog.targets["2024"]?.count == 16)
        #expect(VillageRegistry.sankui.villages.count == 13)
        #expect(VillageRegistry.sankui.name("luli") == "卢梨村")
    }

    @Test(arguments: [
        ("/village/luli/2023/collective_income", "2150000"),
        ("/village/luli/2023/operating_income", "0"),
        ("/project/beihang-lab/status", "in_use"),
        ("/project/p1/progress", "100"),
        ("/project/p1/village", "xuenei"),
        ("/project/p1/name", "镇文体中心"),
        ("/town/2023/abandoned_farmland_restored_mu", "649.2"),
        ("/town/2023/new_rural_roads_km", "5.30"),
        ("/target/2024/low_income_income_growth_pct", "15.00"),
        ("/lock/luli/2023", "approved"),
        ("/agent/luli/presence", "village-agent 0.1 2024-01-24T09:00:00Z"),
        ("/village/luli/2023/collective_income", ""),
    ])
    func acceptsValidWrites(key: String, value: String) throws {
        _ = try schema.validate(key: key, body: Array(value.utf8))
    }

    @Test(arguments: [
        ("/village/luli/2023/profit", "1", SchemaProblem.Kind.unknownKey, "not a village figure"),
        ("/villages/luli/2023/collective_income", "1", .unknownKey, "not in the key schema"),
        ("/town/2023/unknown_figure", "1", .unknownKey, "not a figure the town enters"),
        ("/town/2023/village_collective_income_total", "1", .unknownKey, "not a figure the town enters"),
        ("/project/P 1/progress", "1", .unknownKey, "project id"),
        ("/village/luli/20x3/collective_income", "1", .unknownKey, "not a year"),
        ("/village/luli/2023/collective_income", "-5", .invalidValue, "not a whole number of yuan"),
        ("/village/luli/2023/collective_income", "12.5", .invalidValue, "not a whole number of yuan"),
        ("/village/luli/2023/collective_income", "1e6", .invalidValue, "not a whole number of yuan"),
        ("/village/luli/2023/collective_income", "0123", .invalidValue, "not a whole number of yuan"),
        ("/village/nowhere/2023/collective_income", "1", .invalidValue, "not a village of the registry"),
        ("/village/luli/1999/collective_income", "1", .invalidValue, "outside 2015...2035"),
        ("/project/p1/status", "finished", .invalidValue, "is not one of"),
        ("/project/p1/progress", "101", .invalidValue, "0..100"),
        ("/project/p1/progress", "50.5", .invalidValue, "0..100"),
        ("/project/p1/village", "atlantis", .invalidValue, "not a village"),
        ("/town/2023/abandoned_farmland_restored_mu", "649.255", .invalidValue, "at most 2 decimals"),
        ("/town/2023/hq_return_enterprises", "4.5", .invalidValue, "whole number"),
        ("/lock/luli/2023", "yes", .invalidValue, "approved"),
    ])
    func refusesWithAClearDetail(key: String, value: String, kind: SchemaProblem.Kind, detail: String) {
        let error = #expect(throws: SchemaProblem.self) { try schema.validate(key: key, body: Array(value.utf8)) }
        #expect(error?.kind == kind)
        #expect(error?.detail.contains(detail) == true, "\(String(describing: error?.detail))")
    }

    @Test func fixedDecimalsAreExact() {
        #expect(FixedDecimal(parsing: "649.2", decimals: 2)?.units == 64920)
        #expect(FixedDecimal(parsing: "649.2", decimals: 2)?.text == "649.20")
        #expect(FixedDecimal(parsing: "12.5", decimals: 0) == nil)
        #expect(FixedDecimal.growth(from: 10_972_647, to: 14_000_000)?.text == "27.59")
        #expect(FixedDecimal.growth(from: 7_812_267, to: 10_470_000)?.text == "34.02")
        #expect(FixedDecimal.percent(121_000_000, over: 112_037_037)?.text == "108.00")
        #expect(FixedDecimal.growth(from: 200, to: 150)?.text == "-25.00")
        #expect(FixedDecimal.percent(1, over: 3)?.text == "33.33")
        #expect(FixedDecimal.percent(-2, over: 3)?.text == "-66.67")
        #expect(FixedDecimal.percent(1, over: 0) == nil)
    }

    /// Village figures are checked on their bytes first; that check agrees with the decimal
    /// parser the other figures use (whole yuan, within the largest amount) on any text.
    @Test(arguments: 0..<4) func villageFiguresAgreeWithTheDecimalParser(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789.-+ e".utf8) + [0xE4, 0xB8, 0x80]
        for _ in 0..<4_000 {
            let length = Int.random(in: 1..<20, using: &random)
            let body = (0..<length).map { _ in
                Int.random(in: 0..<4, using: &random) == 0 ? alphabet.randomElement(using: &random)! : UInt8.random(in: 48...57, using: &random)
            }
            let text = String(decoding: body, as: UTF8.self)
            let expected = String(validating: body, as: UTF8.self).flatMap { FixedDecimal(parsing: $0, decimals: 0) }
                .map { $0.units <= 1_000_000_000_000_000 } ?? false
            let accepted = (try? schema.validate(key: "/village/luli/2023/collective_income", body: body)) != nil
            #expect(accepted == expected, "\(text)")
        }
    }
}
