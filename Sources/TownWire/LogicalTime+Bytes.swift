import TownMerge

extension LogicalTime {
    /// Appends the time's wire text `<wall_ms>.<counter>` (``description``) to `bytes`, digit by
    /// digit: every reply, KVPUB and KVSYNC carries one or two, and no string is built for them.
    public func appendText(to bytes: inout [UInt8]) {
        KVMessage.appendDecimal(wallMilliseconds, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        KVMessage.appendDecimal(UInt64(counter), to: &bytes)
    }
}
