import Testing

@testable import TownDaemon

/// The byte-scanning village lookup agrees with splitting the key, on every key shape.
@Suite struct KeyPathTests {
    static let keys = [
        "/village/luli/2023/collective_income", "/agent/luli/presence", "/lock/luli/2023", "/village/",
        "/village/luli", "/villages/luli/2023", "/project/p1/village", "/town/2023/fixed_asset_investment",
        "/indicator/2023/x", "/agent/", "/lock/a-b_c/2024", "/", "village/luli/2023", "/village//2023", "",
        "/village/卢梨/2023/x",
    ]

    @Test(arguments: keys) func villageIDFromBytesMatchesTheSplit(key: String) {
        #expect(KeyPath.villageID(ofKey: key) == KeyPath(key).villageID, "\(key)")
    }
}
