/// CHP sequence numbers: 8 bytes in network (big-endian) order.
public enum SequenceNumber {
    public static func encode(_ value: UInt64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    public static func decode(_ bytes: [UInt8]) throws(WireError) -> UInt64 {
        guard bytes.count == 8 else { throw .sequenceLength(bytes.count) }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
