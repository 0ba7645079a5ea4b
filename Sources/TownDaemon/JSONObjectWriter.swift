/// Writes one flat JSON object with fields in the order given (strings, integers, booleans).
/// Strings are escaped per RFC 8259, so any UTF-8 text (Chinese names included) is safe.
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var first = true

    /// `capacity`: bytes to reserve (an outcome event is about 300), so the object is not
    /// copied as it grows.
    public init(capacity: Int = 384) {
        bytes.reserveCapacity(capacity)
    }

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
    public consuming func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func separator(_ name: String) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        Self.appendString(name, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &bytes) }
    }

    /// A JSON string of UTF-8 text given as bytes (valid UTF-8: the caller repairs what is not).
    static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        // Most text needs no escape at all (keys, figures, ids): copied at once.
        if !utf8.contains(where: Self.mayNeedEscape) {
            bytes.append(contentsOf: utf8)
            return
        }
        var index = 0
        var runStart = 0
        func flush(_ end: Int) {
            if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
        }
        while index < utf8.count {
            let byte = utf8[index]
            let next = index + 1 < utf8.count ? utf8[index + 1] : 0
            let third = index + 2 < utf8.count ? utf8[index + 2] : 0
            var escape: [UInt8]?
            var width = 1
            switch byte {
            case UInt8(ascii: "\""): escape = [0x5C, 0x22]
            case UInt8(ascii: "\\"): escape = [0x5C, 0x5C]
            case 0x0A: escape = [0x5C, UInt8(ascii: "n")]
            case 0x0D: escape = [0x5C, UInt8(ascii: "r")]
            case 0x09: escape = [0x5C, UInt8(ascii: "t")]
            case 0x00..<0x20, 0x7F: escape = escaped(UInt32(byte))
            case 0xC2 where next >= 0x80 && next <= 0x9F:
                // C1 controls (U+0080...U+009F), two bytes in UTF-8.
                escape = escaped(UInt32(next))
                width = 2
            case 0xE2 where next == 0x80 && (third == 0xA8 || third == 0xA9):
                // U+2028 and U+2029 end lines in JavaScript: escape them.
                escape = escaped(0x2000 + UInt32(third - 0x80))
                width = 3
            default: break
            }
            if let escape {
                flush(index)
                bytes += escape
                index += width
                runStart = index
            } else {
                index += 1
            }
        }
        flush(utf8.count)
    }

    /// Bytes that are, or begin, something `appendString` escapes.
    @inline(__always)
    static func mayNeedEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F || byte == 0xC2 || byte == 0xE2
    }

    static func escaped(_ value: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        appendEscape(value, to: &bytes)
        return bytes
    }

    static func appendEscape(_ value: UInt32, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes += [0x5C, UInt8(ascii: "u")]
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int((value >> UInt32(shift)) & 0xF)]) }
    }
}
