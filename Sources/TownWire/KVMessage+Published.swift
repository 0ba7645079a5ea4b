import TownMerge

extension KVMessage {
    /// The frames of a KVSYNC or KVPUB for a stored value, built straight into bytes (the daemon
    /// sends one per change and one per key of every snapshot).
    public static func publishedFrames(
        key: String, sequence: UInt64, uuid: [UInt8], stamp: Stamp, ttlSeconds: UInt32?, body: [UInt8]
    ) -> [[UInt8]] {
        var properties: [UInt8] = []
        properties.reserveCapacity(48 + stamp.origin.utf8.count)
        properties += Self.stampPrefix
        Self.appendDecimal(stamp.wallMilliseconds, to: &properties)
        properties.append(UInt8(ascii: "."))
        Self.appendDecimal(UInt64(stamp.counter), to: &properties)
        properties += Self.originPrefix
        properties += stamp.origin.utf8
        properties.append(0x0A)
        if let ttlSeconds {
            properties += Self.ttlPrefix
            Self.appendDecimal(UInt64(ttlSeconds), to: &properties)
            properties.append(0x0A)
        }
        return [Array(key.utf8), SequenceNumber.encode(sequence), uuid, properties, body]
    }

    static let stampPrefix = Array("stamp=".utf8)
    static let originPrefix = Array("\norigin=".utf8)
    static let ttlPrefix = Array("ttl=".utf8)

    static func appendDecimal(_ value: UInt64, to bytes: inout [UInt8]) {
        guard value > 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var digits: [UInt8] = []
        var rest = value
        while rest > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        }
        bytes += digits.reversed()
    }
}
