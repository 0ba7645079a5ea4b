/// Byte-level checks on UTF-8 text, for the decoders' hot paths (no `String` or scalar views).
enum UTF8Bytes {
    /// True when every byte is ASCII (so the bytes are valid UTF-8).
    static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var combined: UInt8 = 0
            for byte in buffer { combined |= byte }
            return combined < 0x80
        }
    }

    /// True when valid UTF-8 `bytes` hold a Unicode control character (category Cc): U+0000–U+001F,
    /// U+007F, or U+0080–U+009F (encoded as 0xC2 0x80–0x9F).
    static func containsControl(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let byte = buffer[index]
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, index + 1 < buffer.count, buffer[index + 1] >= 0x80, buffer[index + 1] <= 0x9F {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// Appends `text`'s UTF-8 with every control character (as ``containsControl(_:)`` finds them)
    /// replaced by a space, as ``Properties`` does for values set through it.
    static func appendSanitized(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == 0x7F {
                    bytes.append(0x20)
                } else if byte == 0xC2, index + 1 < utf8.count, utf8[index + 1] >= 0x80, utf8[index + 1] <= 0x9F {
                    bytes.append(0x20)
                    index += 1
                } else {
                    bytes.append(byte)
                }
                index += 1
            }
        }
    }
}
