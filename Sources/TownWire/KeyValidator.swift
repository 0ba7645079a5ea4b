/// The rules every key on the wire obeys: non-empty UTF-8, starting with `/`, at most 255 bytes,
/// no control characters. CHP command names are keys only where a caller allows them.
public enum KeyValidator {
    public static func validate(_ bytes: [UInt8], commandKeys: Set<String> = []) throws(WireError) -> String {
        guard !bytes.isEmpty else { throw .emptyKey }
        guard bytes.count <= KVMessage.maximumKeyBytes else { throw .keyTooLong(bytes.count) }
        guard let key = String(validating: bytes, as: UTF8.self) else { throw .keyNotUTF8 }
        if commandKeys.contains(key) { return key }
        guard bytes[0] == UInt8(ascii: "/") else { throw .keyNotAbsolute(key) }
        guard !key.unicodeScalars.contains(where: Properties.isControl) else { throw .keyControlCharacter(key) }
        return key
    }

    /// Validates a key given as text.
    public static func validate(_ key: String) throws(WireError) -> String {
        try validate(Array(key.utf8))
    }
}
