/// The time part of a hybrid-logical-clock stamp: wall milliseconds and a counter.
///
/// Text form `<wall_ms>.<counter>`, both decimal without sign or leading zeros (so every time has
/// exactly one text), e.g. `1700000000000.3`.
public struct LogicalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch (UTC), as the writer's clock saw them.
    public var wallMilliseconds: UInt64
    /// Orders events within one millisecond.
    public var counter: UInt32

    /// Largest wall time accepted (fits a signed 64-bit integer, as SQLite stores it).
    public static let maximumWall = UInt64(Int64.max)

    public init(wallMilliseconds: UInt64, counter: UInt32 = 0) {
        self.wallMilliseconds = wallMilliseconds
        self.counter = counter
    }

    /// The zero time, before every real stamp.
    public static let zero = LogicalTime(wallMilliseconds: 0, counter: 0)

    public static func < (lhs: LogicalTime, rhs: LogicalTime) -> Bool {
        (lhs.wallMilliseconds, lhs.counter) < (rhs.wallMilliseconds, rhs.counter)
    }

    /// Written straight into the string's bytes (every event and reply carries a stamp's text),
    /// sized exactly, so the usual 15 bytes or fewer stay a small string without a heap buffer.
    public var description: String {
        func digits(_ value: UInt64) -> Int {
            var count = 1
            var rest = value
            while rest >= 10 {
                rest /= 10
                count += 1
            }
            return count
        }
        let wallDigits = digits(wallMilliseconds)
        let counterDigits = digits(UInt64(counter))
        return String(unsafeUninitializedCapacity: wallDigits + 1 + counterDigits) { buffer in
            func write(_ value: UInt64, count: Int, at start: Int) {
                var rest = value
                for position in stride(from: start + count - 1, through: start, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            write(wallMilliseconds, count: wallDigits, at: 0)
            buffer[wallDigits] = UInt8(ascii: ".")
            write(UInt64(counter), count: counterDigits, at: wallDigits + 1)
            return wallDigits + 1 + counterDigits
        }
    }

    /// Parses `<wall_ms>.<counter>` strictly.
    public init(parsing text: some StringProtocol) throws(StampParseError) {
        // Every submit carries a stamp: the usual well-formed text is read from its bytes at once;
        // anything else takes the checking path below, which says what is wrong.
        let fast = text.utf8.withContiguousStorageIfAvailable { Self.parseWellFormed($0) } ?? Self.parseWellFormed(text.utf8)
        if let time = fast {
            self = time
            return
        }
        let text = String(text)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .notWallDotCounter(text) }
        let wall = try Self.parseDigits(parts[0], field: "wall_ms", text: text, limit: Self.maximumWall)
        let counter = try Self.parseDigits(parts[1], field: "counter", text: text, limit: UInt64(UInt32.max))
        self.init(wallMilliseconds: wall, counter: UInt32(counter))
    }

    /// `<wall_ms>.<counter>` when it is exactly that (digits, no leading zeros, within range).
    private static func parseWellFormed(_ utf8: some Collection<UInt8>) -> LogicalTime? {
        var wall: UInt64 = 0
        var counter: UInt64 = 0
        var digits = 0
        var leading: UInt8 = 0
        var seenDot = false
        for byte in utf8 {
            if byte == UInt8(ascii: ".") {
                guard !seenDot, digits > 0, digits == 1 || leading != 0x30 else { return nil }
                seenDot = true
                digits = 0
                continue
            }
            guard byte >= 0x30 && byte <= 0x39, digits < 19 else { return nil }
            if digits == 0 { leading = byte }
            digits += 1
            if seenDot { counter = counter * 10 + UInt64(byte - 0x30) } else { wall = wall * 10 + UInt64(byte - 0x30) }
        }
        guard seenDot, digits > 0, digits == 1 || leading != 0x30, wall <= maximumWall, counter <= UInt64(UInt32.max)
        else { return nil }
        return LogicalTime(wallMilliseconds: wall, counter: UInt32(counter))
    }

    private static func parseDigits(
        _ part: Substring, field: String, text: String, limit: UInt64
    ) throws(StampParseError) -> UInt64 {
        let utf8 = Array(part.utf8)
        guard !utf8.isEmpty else { throw .emptyField(field, text) }
        guard utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { throw .notDecimal(field, text) }
        guard utf8.count == 1 || utf8[0] != 0x30 else { throw .leadingZero(field, text) }
        var value: UInt64 = 0
        for digit in utf8 {
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit - 0x30))
            guard !overflow1, !overflow2, sum <= limit else { throw .outOfRange(field, text) }
            value = sum
        }
        return value
    }
}
