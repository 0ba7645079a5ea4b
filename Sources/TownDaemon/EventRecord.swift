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
    public func json() -> [UInt8] {
        var writer = JSONObjectWriter()
        writer.add("ts", Self.rfc3339(milliseconds: timestampMilliseconds))
        writer.add("kind", kind)
        for (name, value) in fields { writer.add(name, value) }
        for (name, value) in numbers { writer.add(name, value) }
        return writer.finish()
    }

    /// RFC 3339 in UTC with milliseconds, e.g. `2024-01-24T09:30:00.123Z`.
    public static func rfc3339(milliseconds: UInt64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func digits(_ value: Int, _ count: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, count - text.count)) + text
        }
        return digits(Int(parts.tm_year) + 1900, 4) + "-" + digits(Int(parts.tm_mon) + 1, 2) + "-"
            + digits(Int(parts.tm_mday), 2) + "T" + digits(Int(parts.tm_hour), 2) + ":" + digits(Int(parts.tm_min), 2)
            + ":" + digits(Int(parts.tm_sec), 2) + "." + digits(Int(milliseconds % 1000), 3) + "Z"
    }
}
