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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: Array("\\\"".utf8))
            case "\\": bytes.append(contentsOf: Array("\\\\".utf8))
            case "\n": bytes.append(contentsOf: Array("\\n".utf8))
            case "\r": bytes.append(contentsOf: Array("\\r".utf8))
            case "\t": bytes.append(contentsOf: Array("\\t".utf8))
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    let hex = String(scalar.value, radix: 16)
                    bytes.append(contentsOf: Array(("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8))
                } else {
                    bytes.append(contentsOf: Array(String(scalar).utf8))
                }
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
