import CZeroMQ

/// ZeroMQ's Z85 text encoding of binary keys (RFC 32): 4 bytes become 5 printable characters.
public enum Z85 {
    /// Encodes bytes whose count is a multiple of 4; nil otherwise.
    public static func encode(_ bytes: [UInt8]) -> String? {
        guard bytes.count % 4 == 0 else { return nil }
        var output = [CChar](repeating: 0, count: bytes.count * 5 / 4 + 1)
        let ok = bytes.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { zmq_z85_encode($0.baseAddress, source.baseAddress, bytes.count) }
        }
        guard ok != nil else { return nil }
        return String(decoding: output.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes Z85 text whose length is a multiple of 5; nil when it is not valid Z85.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 5 == 0 else { return nil }
        let alphabet = Array(
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#".utf8)
        // libzmq does not check the alphabet itself.
        guard characters.allSatisfy(alphabet.contains) else { return nil }
        var output = [UInt8](repeating: 0, count: characters.count * 4 / 5)
        let ok = output.withUnsafeMutableBufferPointer { zmq_z85_decode($0.baseAddress, text) }
        return ok == nil ? nil : output
    }

    /// Decodes a 40-character CURVE key into its 32 bytes, or throws a clear error.
    public static func decodeKey(_ text: String) throws -> [UInt8] {
        guard text.utf8.count == 40, let key = decode(text), key.count == 32 else {
            throw ZMQError(call: "Z85.decodeKey", errno: EINVAL_VALUE, context: "a CURVE key is 40 Z85 characters")
        }
        return key
    }

    static let EINVAL_VALUE: Int32 = 22
}
