/// CHP subtree specifications: empty (everything) or `/` followed by segments, ending in `/`.
public enum Subtree {
    public static func validate(_ bytes: [UInt8]) throws(WireError) -> String {
        guard !bytes.isEmpty else { return "" }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw .subtreeInvalid("<not UTF-8>") }
        guard bytes.count <= KVMessage.maximumKeyBytes, bytes.first == UInt8(ascii: "/"),
            bytes.last == UInt8(ascii: "/"),
            !text.unicodeScalars.contains(where: Properties.isControl)
        else { throw .subtreeInvalid(text) }
        return text
    }

    /// Whether `key` lies in `subtree` (every key lies in the empty subtree).
    public static func contains(_ subtree: String, key: String) -> Bool {
        subtree.isEmpty || key.utf8.starts(with: subtree.utf8)
    }

    /// Whether the key with these UTF-8 bytes lies in `subtree`.
    public static func contains(_ subtree: String, keyBytes: some Collection<UInt8>) -> Bool {
        subtree.isEmpty || keyBytes.starts(with: subtree.utf8)
    }
}
