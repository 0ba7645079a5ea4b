/// The hash of a key's UTF-8 bytes, the same whether the key is a `String` or bytes kept
/// elsewhere (an index over bytes in an arena is probed with strings). Seeded per process, as
/// Swift's own hashing is.
public enum ByteHash {
    @inline(__always)
    public static func of(_ bytes: UnsafeRawBufferPointer) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        return hasher.finalize()
    }

    @inline(__always)
    public static func of(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { of(UnsafeRawBufferPointer($0)) }
    }
}
