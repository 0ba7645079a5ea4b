/// Writes one flat JSON object with fields in the order given (strings, integers, booleans).
/// Strings are escaped per RFC 8259, so any UTF-8 text (Chinese names included) is safe.
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    public init() {}

    public mutating func add(_ name: String, _ value: String?) {
        guard let value else { return }
        separator(name)
        Self.appendString(value, to: &bytes)
    }

    public mutating func add(_ name: String, _ value: Int64?) {
        guard let value else { return }
        separator(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    public mutating func add(_ name: String, _ value: Bool?) {
        guard let value else { return }
        separator(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// The finished object (without a newline).
    public func finish() -> [UInt8] { bytes + [UInt8(ascii: "}")] }

    private mutating func separator(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            switch byte {
            case UInt8(ascii: "\""): bytes += [0x5C, 0x22]
            case UInt8(ascii: "\\"): bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x0D: bytes += [0x5C, UInt8(ascii: "r")]
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20, 0x7F: appendEscape(UInt32(byte), to: &bytes)
            case 0xC2 where utf8.first.map({ $0 >= 0x80 && $0 <= 0x9F }) ?? false:
                // C1 controls (U+0080...U+009F), two bytes in UTF-8.
                appendEscape(UInt32(utf8.popFirst()!), to: &bytes)
            case 0xE2 where utf8.starts(with: [0x80, 0xA8]) || utf8.starts(with: [0x80, 0xA9]):
                // U+2028 and U+2029 end lines in JavaScript: escape them.
                utf8 = utf8.dropFirst()
                appendEscape(0x2000 + UInt32(utf8.popFirst()! - 0x80), to: &bytes)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    static func appendEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
