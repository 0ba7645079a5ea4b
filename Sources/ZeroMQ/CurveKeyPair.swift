import CZeroMQ

/// A CURVE key pair in Z85 text (40 characters each).
///
/// `description` never shows the secret key, so a pair can be logged safely by mistake.
public struct CurveKeyPair: Sendable, Equatable, CustomStringConvertible {
    public let publicKey: String
    public let secretKey: String

    public init(publicKey: String, secretKey: String) {
        self.publicKey = publicKey
        self.secretKey = secretKey
    }

    /// Generates a new random pair with libsodium (through `zmq_curve_keypair`).
    public static func generate() throws -> CurveKeyPair {
        var publicKey = [CChar](repeating: 0, count: 41)
        var secretKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_keypair(&publicKey, &secretKey) == 0 else {
            throw ZMQError.last("zmq_curve_keypair", context: "libzmq needs CURVE support (libsodium)")
        }
        return CurveKeyPair(publicKey: Self.text(publicKey), secretKey: Self.text(secretKey))
    }

    /// Rebuilds the pair from its secret key alone.
    public static func fromSecretKey(_ secretKey: String) throws -> CurveKeyPair {
        _ = try Z85.decodeKey(secretKey)
        var publicKey = [CChar](repeating: 0, count: 41)
        guard zmq_curve_public(&publicKey, secretKey) == 0 else {
            throw ZMQError.last("zmq_curve_public")
        }
        return CurveKeyPair(publicKey: Self.text(publicKey), secretKey: secretKey)
    }

    private static func text(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public var description: String { "CurveKeyPair(public: \(publicKey), secret: <redacted>)" }
}
