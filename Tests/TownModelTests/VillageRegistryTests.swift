import Testing
import TownModel

/// The registry finds each village at its position through its hash index of positions.
@Suite struct VillageRegistryTests {
    @Test func everyVillageIsFoundAtItsPosition() throws {
        let villages = (0..<20_000).map { Village(id: "v\($0)", nameZh: "村\($0)") }
        let registry = try VillageRegistry(villages)
        for (position, village) in villages.enumerated() {
            #expect(registry.position(of: village.id) == position)
            #expect(registry[village.id] == village)
        }
        for id in ["v20000", "v-1", "x", "v0 ", "V0"] { #expect(!registry.contains(id), "\(id)") }
    }

    @Test func aVillageListedTwiceIsRefused() {
        let villages = [Village(id: "a", nameZh: "甲"), Village(id: "b", nameZh: "乙"), Village(id: "a", nameZh: "丙")]
        #expect(throws: ModelError.self) { try VillageRegistry(villages) }
    }

    /// The operating-above-collective rule reads the dense columns and names villages by id.
    @Test func theCrossFieldRuleNamesVillagesByID() throws {
        let schema = KeySchema(villages: try VillageRegistry((0..<1_000).map { Village(id: "v\($0)", nameZh: "村") }))
        var values: [String: String] = [:]
        for n in 0..<1_000 {
            values["/village/v\(n)/2023/collective_income"] = "1000"
            values["/village/v\(n)/2023/operating_income"] = n % 250 == 7 ? "1001" : "999"
        }
        let state = IndicatorState.recompute(schema: schema, values: values)
        let found = state.villagesWithOperatingAboveCollective().map(\.village).sorted()
        #expect(found == ["v257", "v507", "v7", "v757"])
    }
}
