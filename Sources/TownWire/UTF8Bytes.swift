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
    ///
    /// Eight bytes at a time where it can: a word with no byte below 0x20, no 0x7F and no 0xC2 (the
    /// lead byte of U+0080–U+009F) holds no control character, and most words of keys and
    /// properties are such words (this check was 6% of a 1M-key snapshot's decoding).
    static func containsControl(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var index = 0
            while index < count {
                if index + 8 <= count, let base = buffer.baseAddress,
                    !mayHoldControl(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                {
                    index += 8
                    continue
                }
                let byte = buffer[index]
                if byte < 0x20 || byte == 0x7F { return true }
                if byte == 0xC2, index + 1 < count, buffer[index + 1] >= 0x80, buffer[index + 1] <= 0x9F {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    /// False only when none of the word's eight bytes is below 0x20, 0x7F or 0xC2 (the classic
    /// "has a byte less than n" and "has a zero byte" tests; they never miss one, and a rare false
    /// alarm only sends the word to the byte-by-byte check).
    @inline(__always)
    static func mayHoldControl(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let hasByteBelow20 = (word &- 0x20 &* ones) & ~word & highs != 0
        return hasByteBelow20 || hasZeroByte(word ^ (0x7F &* ones)) || hasZeroByte(word ^ (0xC2 &* ones))
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
