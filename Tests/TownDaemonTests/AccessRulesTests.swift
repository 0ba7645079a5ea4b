import Testing
import TownMerge
import TownModel
import TownStore

@testable import TownDaemon

/// The access rules decide a classified village figure without parsing its key again; that path
/// gives the same answer as the general one for every principal, village, year and lock state.
@Suite struct AccessRulesTests {
    struct Values: KeyLookup {
        var texts: [String: String]
        func current(_ key: String) -> StoredValue? {
            texts[key].map {
                StoredValue(key: key, version: Version(stamp: Stamp(wallMilliseconds: 1, counter: 0, origin: "admin"), body: Array($0.utf8)), sequence: 1)
            }
        }
    }

    @Test func villageFiguresAreDecidedAlikeByBothPaths() throws {
        let schema = KeySchema()
        let rules = AccessRules()
        let principals: [Principal] = [.daemon, .admin, .reader, .village("luli"), .village("zhangzhai"), .other("stranger")]
        let locks: [[String: String]] = [[:], ["/lock/luli/2023": "approved"], ["/lock/luli/2023": ""], ["/lock/zhangzhai/2024": "approved"]]
        var compared = 0
        for principal in principals {
            for lock in locks {
                for village in ["luli", "zhangzhai"] {
                    for year in [2023, 2024] {
                        for field in [KeySchema.collectiveIncome, KeySchema.operatingIncome] {
                            let key = "/village/\(village)/\(year)/\(field)"
                            let kind = try schema.classify(key)
                            let lookup = Values(texts: lock)
                            let general = rules.check(key: key, body: Array("100".utf8), principal: principal, lookup: lookup)
                            let classified = rules.check(kind: kind, key: key, body: Array("100".utf8), principal: principal, lookup: lookup)
                            #expect(general == classified, "\(principal) \(key) \(lock)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared == 192)
    }

    /// A writer's name as a principal, and back to the same text.
    @Test func principalsAreReadFromTheirNames() {
        let cases: [(String, Principal)] = [
            ("admin", .admin), ("reader", .reader), ("townd", .daemon), ("village:luli", .village("luli")),
            ("village:三魁", .village("三魁")), ("village:", .other("village:")), ("villager:x", .other("villager:x")),
            ("Village:luli", .other("Village:luli")), ("", .other("")),
        ]
        for (text, principal) in cases {
            #expect(Principal(text) == principal, "\(text)")
            #expect(Principal(text).description == text)
        }
    }
}
