import Testing
import TownMerge
import TownTesting

@Suite struct StampTests {
    @Test func parsesCanonicalText() throws {
        let stamp = try Stamp(parsing: "1700000000000.3", origin: "village:luli")
        #expect(stamp.wallMilliseconds == 1_700_000_000_000)
        #expect(stamp.counter == 3)
        #expect(stamp.text == "1700000000000.3")
        #expect(stamp.description == "1700000000000.3@village:luli")
        #expect(try LogicalTime(parsing: "0.0") == .zero)
        #expect(try LogicalTime(parsing: "9223372036854775807.4294967295").counter == UInt32.max)
    }

    @Test(arguments: [
        ("", StampParseError.notWallDotCounter("")),
        ("17", .notWallDotCounter("17")),
        ("1.2.3", .notWallDotCounter("1.2.3")),
        (".1", .emptyField("wall_ms", ".1")),
        ("1.", .emptyField("counter", "1.")),
        ("-1.0", .notDecimal("wall_ms", "-1.0")),
        ("1.+0", .notDecimal("counter", "1.+0")),
        (" 1.0", .notDecimal("wall_ms", " 1.0")),
        ("1.0 ", .notDecimal("counter", "1.0 ")),
        ("01.0", .leadingZero("wall_ms", "01.0")),
        ("1.00", .leadingZero("counter", "1.00")),
        ("1.4294967296", .outOfRange("counter", "1.4294967296")),
        ("9223372036854775808.0", .outOfRange("wall_ms", "9223372036854775808.0")),
        ("99999999999999999999999.0", .outOfRange("wall_ms", "99999999999999999999999.0")),
        ("١٢.0", .notDecimal("wall_ms", "١٢.0")),
    ])
    func refusesMalformedText(text: String, expected: StampParseError) {
        #expect(throws: expected) { try LogicalTime(parsing: text) }
    }

    /// The byte-level fast path and the checking path agree: every text over digits and dots is
    /// accepted exactly when a plain reading of the grammar accepts it, with the same time.
    @Test(arguments: 0..<8) func parsingAgreesWithTheGrammar(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let alphabet = Array("0123456789.".utf8) + [UInt8(ascii: "9"), UInt8(ascii: "0"), UInt8(ascii: "x")]
        for _ in 0..<5_000 {
            let length = Int.random(in: 0..<26, using: &random)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &random)! }, as: UTF8.self)
            #expect((try? LogicalTime(parsing: text)) == Self.grammar(text), "\(text)")
            // Canonical text reads back to itself.
            if let time = Self.grammar(text) { #expect(time.description == text) }
        }
        for _ in 0..<2_000 {
            let time = LogicalTime(
                wallMilliseconds: UInt64.random(in: 0...LogicalTime.maximumWall, using: &random) >> UInt64.random(in: 0..<63, using: &random),
                counter: UInt32.random(in: 0...UInt32.max, using: &random) >> UInt32.random(in: 0..<32, using: &random))
            #expect(time.description == "\(time.wallMilliseconds).\(time.counter)")
        }
        #expect(LogicalTime(wallMilliseconds: LogicalTime.maximumWall, counter: .max).description == "9223372036854775807.4294967295")
    }

    /// `(0|[1-9][0-9]*) "." (0|[1-9][0-9]*)`, wall within Int64, counter within UInt32.
    static func grammar(_ text: String) -> LogicalTime? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return nil }
        func number(_ part: Substring, limit: UInt64) -> UInt64? {
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), part.count == 1 || part.first != "0",
                let value = UInt64(part), value <= limit
            else { return nil }
            return value
        }
        guard let wall = number(parts[0], limit: UInt64(Int64.max)), let counter = number(parts[1], limit: UInt64(UInt32.max))
        else { return nil }
        return LogicalTime(wallMilliseconds: wall, counter: UInt32(counter))
    }

    @Test func refusesBadOrigins() {
        #expect(throws: StampParseError.self) { try Stamp(parsing: "1.0", origin: "") }
        #expect(throws: StampParseError.self) { try Stamp(parsing: "1.0", origin: "a b") }
        #expect(throws: StampParseError.self) { try Stamp(parsing: "1.0", origin: "a\nb") }
        #expect(throws: StampParseError.self) {
            try Stamp(parsing: "1.0", origin: String(repeating: "x", count: 129))
        }
        #expect(throws: Never.self) { try Stamp(parsing: "1.0", origin: "village:卢梨") }
    }

    @Test func ordersByWallThenCounterThenOriginBytes() {
        let a = Stamp(wallMilliseconds: 1, counter: 9, origin: "z")
        let b = Stamp(wallMilliseconds: 2, counter: 0, origin: "a")
        let c = Stamp(wallMilliseconds: 2, counter: 1, origin: "a")
        let d = Stamp(wallMilliseconds: 2, counter: 1, origin: "b")
        #expect(a < b && b < c && c < d)
        // Byte order, not Unicode collation: "Z" (0x5A) < "a" (0x61) < "é" (0xC3 0xA9).
        let upper = Stamp(wallMilliseconds: 5, counter: 0, origin: "Z")
        let lower = Stamp(wallMilliseconds: 5, counter: 0, origin: "a")
        let accent = Stamp(wallMilliseconds: 5, counter: 0, origin: "é")
        #expect(upper < lower && lower < accent)
        // Canonically equivalent but different bytes are different origins.
        let composed = Stamp(wallMilliseconds: 5, counter: 0, origin: "\u{E9}")
        let decomposed = Stamp(wallMilliseconds: 5, counter: 0, origin: "e\u{301}")
        #expect(composed != decomposed)
        #expect(decomposed < composed)
    }
}
