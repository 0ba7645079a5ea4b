import Testing
import TownModel

@Suite struct AmountParserTests {
    @Test(arguments: [
        ("2150000", 2_150_000), ("2,150,000", 2_150_000), ("215万", 2_150_000), ("215.5万", 2_155_000),
        ("1.2亿", 120_000_000), ("2150000元", 2_150_000), ("２１５万", 2_150_000), ("0", 0), ("0.5万", 5_000),
        ("1,047万", 10_470_000), ("3.5亿元", 350_000_000), ("82 万", 820_000),
    ] as [(String, Int64)])
    func readsAmountsAsWritten(text: String, yuan: Int64) throws {
        #expect(try AmountParser.yuan(text) == yuan)
    }

    @Test(arguments: ["-5", "12.5", "1.23456万", "abc", "", "万", "1..2万", "1.", "1e6", "1.2.3"])
    func refusesWhatIsNotWholeYuan(text: String) {
        #expect(throws: AmountError.self) { try AmountParser.yuan(text) }
    }
}
