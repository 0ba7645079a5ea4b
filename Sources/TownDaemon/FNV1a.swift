import TownWire

/// 64-bit FNV-1a over bytes fed in place: a write's ``IncomingWrite/fingerprint``. A struct of
/// its own, fed through buffers: nested functions capturing the running hash put it in a heap box,
/// and walking a `String.UTF8View` byte by byte was 2% of the socket loop.
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        value ^= UInt64(byte)
        value &*= 0x0000_0100_0000_01B3
    }

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { add(byte) }
    }

    /// A string's UTF-8 bytes (read in place from a native string).
    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add($0) }
    }

    /// A number's decimal text (no leading zeros), fed digit by digit: no string is built.
    mutating func addDecimal(_ number: UInt64) {
        KVMessage.withDecimalDigits(of: number) { add($0) }
    }

    /// Closes a field.
    mutating func endField() { add(0xFF) }
}
