import Foundation
import Testing
import TownAdmin
import TownModel
import TownTesting

@Suite struct FormatTests {
    @Test func moneyIsShownIn10kYuanWithTwoDecimals() {
        #expect(Money.wan("14000000") == "1400.00")
        #expect(Money.wan("2150000") == "215.00")
        #expect(Money.wan("112037037") == "11203.70")
        #expect(Money.wan("5") == "0.00")
        #expect(Money.wan("50") == "0.01")
        #expect(Money.wan("x") == nil)
        #expect(Money.display("27.59", unit: .percent) == "27.59")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(Terminal.width("卢梨村") == 6)
        #expect(Terminal.width("abc") == 3)
        #expect(Terminal.width("\u{1B}[31mred\u{1B}[0m") == 3)
        let table = Terminal.table(header: ["村", "value"], rows: [["卢梨村", "1"], ["x", "22"]], rightAligned: [1])
        let lines = table.split(separator: "\n").map(String.init)
        #expect(lines.map(Terminal.width).allSatisfy { $0 == Terminal.width(lines[1]) })
    }

    @Test func colourOnlyWhereWanted() {
        #expect(Terminal(mode: .always).red("x") == "\u{1B}[31mx\u{1B}[0m")
        #expect(Terminal(mode: .never).red("x") == "x")
        #expect(Terminal(mode: .auto, environment: ["NO_COLOR": "1"]).red("x") == "x")
    }

    @Test func eventFiltersAndSince() throws {
        let object = EventFilter.parse(Array(#"{"ts":"2024-01-24T09:00:00.000Z","kind":"submit.applied","village":"luli"}"#.utf8))!
        #expect(EventFilter(village: "luli", kindPrefix: "submit.").accepts(object))
        #expect(!EventFilter(village: "zhangzhai").accepts(object))
        #expect(!EventFilter(kindPrefix: "lock").accepts(object))
        #expect(EventFilter(since: LocalTimestamp.date("2024-01-24T08:00:00Z")).accepts(object))
        #expect(!EventFilter(since: LocalTimestamp.date("2024-01-24T10:00:00Z")).accepts(object))
        let now = Date(timeIntervalSince1970: 1_706_086_800)
        #expect(LocalTimestamp.since("2h", now: now) == now.addingTimeInterval(-7200))
        #expect(LocalTimestamp.since("2024-01-24") != nil)
        #expect(LocalTimestamp.since("yesterday") == nil)
        let line = EventFormatter(terminal: Terminal(mode: .never)).line(object)
        #expect(line.contains("卢梨村") && line.contains("submit.applied"))
    }

    @Test func theLogFollowerFollowsRotationLikeTailF() throws {
        let directory = Executables.temporaryDirectory()
        let path = directory + "/events.jsonl"
        try "{\"n\":1}\n{\"n\":2}\n{\"n\":".write(toFile: path, atomically: false, encoding: .utf8)
        let follower = try LogFollower(path: path)
        #expect(try follower.readLines().count == 2)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("3}\n".utf8))
        try handle.close()
        #expect(try follower.readLines().map { String(decoding: $0, as: UTF8.self) } == ["{\"n\":3}"])
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try "{\"n\":4}\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try follower.readLines().map { String(decoding: $0, as: UTF8.self) } == ["{\"n\":4}"])
    }
}
