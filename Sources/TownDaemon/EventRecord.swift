import Foundation

/// One event: written as a JSON Lines record and published on the events socket.
///
/// Fields appear in a fixed order: `ts`, `kind`, then those set. Values are text as they are on
/// the wire (figures stay exact decimal strings).
public struct EventRecord: Sendable, Equatable {
    public var timestampMilliseconds: UInt64
    public var kind: String
    public var fields: [(String, String)] = []
    public var numbers: [(String, Int64)] = []

    public init(kind: String, at timestampMilliseconds: UInt64) {
        self.kind = kind
        self.timestampMilliseconds = timestampMilliseconds
    }

    public static func == (lhs: EventRecord, rhs: EventRecord) -> Bool { lhs.json() == rhs.json() }

    /// Adds a text field when `value` is not nil.
    public mutating func set(_ name: String, _ value: String?) {
        if let value { fields.append((name, value)) }
    }

    /// Adds an integer field.
    public mutating func set(_ name: String, number: Int64?) {
        if let number { numbers.append((name, number)) }
    }

    /// The JSON object, one line, no newline.
    public func json() -> [UInt8] { json(timestampText: Self.rfc3339(milliseconds: timestampMilliseconds)) }

    /// The JSON object with `ts` given as text already (``rfc3339(milliseconds:)`` of this
    /// record's time), for a sender writing many events of the same millisecond.
    func json(timestampText: String) -> [UInt8] {
        var writer = JSONObjectWriter()
        writer.add("ts", timestampText)
        writer.add("kind", kind)
        for (name, value) in fields { writer.add(name, value) }
        for (name, value) in numbers { writer.add(name, value) }
        return writer.finish()
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2024-01-24T09:30:00.123Z`.
    /// Every event of a batch has the same time: written straight into the string's bytes.
    public static func rfc3339(milliseconds: UInt64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let fields: [(value: Int, width: Int, after: UInt8?)] = [
            (Int(parts.tm_year) + 1900, 4, UInt8(ascii: "-")), (Int(parts.tm_mon) + 1, 2, UInt8(ascii: "-")),
            (Int(parts.tm_mday), 2, UInt8(ascii: "T")), (Int(parts.tm_hour), 2, UInt8(ascii: ":")),
            (Int(parts.tm_min), 2, UInt8(ascii: ":")), (Int(parts.tm_sec), 2, UInt8(ascii: ".")),
            (Int(milliseconds % 1000), 3, UInt8(ascii: "Z")),
        ]
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var index = 0
            for field in fields {
                var value = field.value
                for position in stride(from: field.width - 1, through: 0, by: -1) {
                    buffer[index + position] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
                index += field.width
                if let after = field.after {
                    buffer[index] = after
                    index += 1
                }
            }
            return index
        }
    }
}
