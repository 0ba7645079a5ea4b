/// The rules every key on the wire obeys: non-empty UTF-8, starting with `/`, at most 255 bytes,
/// no control characters. CHP command names are keys only where a caller allows them.
public enum KeyValidator {
    public static func validate(_ bytes: [UInt8], commandKeys: Set<String> = []) throws(WireError) -> String {
        guard !bytes.isEmpty else { throw .emptyKey }
        guard bytes.count <= KVMessage.maximumKeyBytes else { throw .keyTooLong(bytes.count) }
        guard UTF8Bytes.isASCII(bytes[...]) || String(validating: bytes, as: UTF8.self) != nil else {
            throw .keyNotUTF8
        }
        let key = String(decoding: bytes, as: UTF8.self)
        guard bytes[0] == UInt8(ascii: "/") else {
            // Only a key that is not a path can be a command: no set lookup for every KVSYNC.
            if commandKeys.contains(key) { return key }
            throw .keyNotAbsolute(key)
        }
        guard !UTF8Bytes.containsControl(bytes[...]) else { throw .keyControlCharacter(key) }
        return key
    }

    /// Validates a key given as text.
    public static func validate(_ key: String) throws(WireError) -> String {
        try validate(Array(key.utf8))
    }
}
