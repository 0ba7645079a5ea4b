/// A fast reader for the usual shape of a villages registry, an array of flat objects whose values
/// are all strings (`[{"id": "luli", "name_zh": "卢梨村"}, ...]`). A province-sized registry
/// (hundreds of thousands of villages) takes most of a second through `JSONDecoder`; this takes
/// a fraction of that. It answers nil for anything else (other value types, a missing field, a
/// field given twice, malformed text), and the caller then uses `JSONDecoder`, whose errors are
/// the ones users see.
struct RegistryJSONReader {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The villages, or nil when the text is not of the simple shape (or not valid JSON).
    static func villages(in bytes: [UInt8]) -> [Village]? {
        var reader = RegistryJSONReader(bytes)
        return reader.readArray()
    }

    private mutating func readArray() -> [Village]? {
        skipSpace()
        guard take(UInt8(ascii: "[")) else { return nil }
        var villages: [Village] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return finished() ? villages : nil }
        while true {
            guard let village = readVillage() else { return nil }
            villages.append(village)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "]")) else { return nil }
            return finished() ? villages : nil
        }
    }

    private mutating func readVillage() -> Village? {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return nil }
        var id: String?
        var name: String?
        skipSpace()
        if !take(UInt8(ascii: "}")) {
            while true {
                skipSpace()
                guard let member = readString() else { return nil }
                skipSpace()
                guard take(UInt8(ascii: ":")) else { return nil }
                skipSpace()
                guard let value = readString() else { return nil }
                // A field given twice is left to JSONDecoder's judgement.
                if member == "id" {
                    guard id == nil else { return nil }
                    id = value
                } else if member == "name_zh" {
                    guard name == nil else { return nil }
                    name = value
                }
                skipSpace()
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        guard let id, let name else { return nil }
        return Village(id: id, nameZh: name)
    }

    /// A JSON string; nil when malformed.
    private mutating func readString() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        // The common case: no escapes, so the bytes are the string.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            guard bytes[index] >= 0x20 else { return nil }
            index += 1
        }
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(validating: bytes[start..<index], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        guard let prefix = String(validating: bytes[start..<index], as: UTF8.self) else { return nil }
        scalars.append(contentsOf: prefix.unicodeScalars)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(scalars)
            }
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard let scalar = readEscape() else { return nil }
                scalars.append(scalar)
                continue
            }
            guard byte >= 0x20 else { return nil }
            // Copy one UTF-8 sequence through the validating decoder.
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            guard let piece = String(validating: bytes[index..<end], as: UTF8.self) else { return nil }
            scalars.append(contentsOf: piece.unicodeScalars)
            index = end
        }
        return nil
    }

    private mutating func readEscape() -> Unicode.Scalar? {
        guard index < bytes.count else { return nil }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let high = readHex4() else { return nil }
            if (0xD800..<0xDC00).contains(high) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = readHex4(),
                    (0xDC00..<0xE000).contains(low)
                else { return nil }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high)
        default: return nil
        }
    }

    private mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[index..<(index + 4)] {
            let digit: UInt8
            switch byte {
            case 48...57: digit = byte - 48
            case 65...70: digit = byte - 55
            case 97...102: digit = byte - 87
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func finished() -> Bool {
        skipSpace()
        return index == bytes.count
    }
}
