import Testing
import TownTesting

@testable import TownModel

/// Values by year behave as a dictionary keyed by year, however the years come.
@Suite struct YearTableTests {
    @Test(arguments: 0..<20)
    func behavesAsADictionaryByYear(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var table = YearTable<Int>()
        var reference: [Int: Int] = [:]
        for _ in 0..<300 {
            let year = Int.random(in: 1990...2040, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                table[year] = nil
                reference[year] = nil
            case 1:
                let added = Int.random(in: -5...5, using: &random)
                let result = table.modify(year, default: 100) { value -> Int in
                    value += added
                    return value
                }
                reference[year, default: 100] += added
                #expect(result == reference[year])
            default:
                let value = Int.random(in: 0...1_000, using: &random)
                table[year] = value
                reference[year] = value
            }
            #expect(table[year] == reference[year])
        }
        #expect(table.entries.map(\.year) == reference.keys.sorted())
        #expect(table.entries.allSatisfy { reference[$0.year] == $0.value })
        #expect(table[1000] == nil && table[3000] == nil)
    }

    @Test func equalityLooksAtTheYearsSetOnly() {
        var wide = YearTable<Int>()
        wide[2000] = 1
        wide[2030] = 2
        wide[2000] = nil
        var narrow = YearTable<Int>()
        narrow[2030] = 2
        #expect(wide == narrow)
        narrow[2031] = 3
        #expect(wide != narrow)
        var unset = YearTable<Int>()
        unset[1900] = nil
        #expect(unset == YearTable<Int>())
        #expect(unset.entries.isEmpty)
    }
}
