import TownMerge

extension KVMessage {
    /// The frames of a KVSYNC or KVPUB for a stored value, built straight into bytes (the daemon
    /// sends one per change and one per key of every snapshot).
    public static func publishedFrames(
        key: String, sequence: UInt64, uuid: [UInt8], stamp: Stamp, ttlSeconds: UInt32?, body: [UInt8]
    ) -> [[UInt8]] {
        var properties: [UInt8] = []
        properties.reserveCapacity(48 + stamp.origin.utf8.count)
        appendPublishedProperties(stamp: stamp, ttlSeconds: ttlSeconds, to: &properties)
        return [Array(key.utf8), SequenceNumber.encode(sequence), uuid, properties, body]
    }

    /// Appends the properties frame of a KVSYNC or KVPUB (`stamp`, `origin`, and `ttl` when set)
    /// to `properties`, so a sender can reuse one buffer for every message.
    public static func appendPublishedProperties(stamp: Stamp, ttlSeconds: UInt32?, to properties: inout [UInt8]) {
        appendPublishedProperties(time: stamp.time, origin: stamp.origin.utf8, ttlSeconds: ttlSeconds, to: &properties)
    }

    /// The same properties from a stamp's parts (the origin as bytes kept elsewhere).
    public static func appendPublishedProperties(
        time: LogicalTime, origin: some Collection<UInt8>, ttlSeconds: UInt32?, to properties: inout [UInt8]
    ) {
        properties += Self.stampPrefix
        time.appendText(to: &properties)
        properties += Self.originPrefix
        properties += origin
        properties.append(0x0A)
        if let ttlSeconds {
            properties += Self.ttlPrefix
            Self.appendDecimal(UInt64(ttlSeconds), to: &properties)
            properties.append(0x0A)
        }
    }

    static let stampPrefix = Array("stamp=".utf8)
    static let originPrefix = Array("\norigin=".utf8)
    static let ttlPrefix = Array("ttl=".utf8)

    /// Appends `value`'s decimal digits (no sign, no leading zeros) to `bytes`.
    public static func appendDecimal(_ value: UInt64, to bytes: inout [UInt8]) {
        withDecimalDigits(of: value) { bytes.append(contentsOf: $0) }
    }

    /// Calls `body` with `value`'s decimal digits (no sign, no leading zeros), written last digit
    /// first into a buffer on the stack: dividing by the constant 10 compiles to a multiplication,
    /// where finding each digit with a power of ten took two divisions a digit (a 13-digit time,
    /// written three to five times a write, cost more than the rest of its reply).
    public static func withDecimalDigits<R>(of value: UInt64, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        // UInt64.max has 20 digits.
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = buffer.count
            var rest = value
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest > 0
            return try body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
