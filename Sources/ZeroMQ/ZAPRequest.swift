/// A ZAP (RFC 27) authentication request, as libzmq sends it to `inproc://zeromq.zap.01`.
public struct ZAPRequest: Sendable, Equatable {
    /// The endpoint every ZAP handler binds in the context it serves.
    public static let endpoint = "inproc://zeromq.zap.01"

    public let requestId: [UInt8]
    public let domain: String
    public let address: String
    public let routingId: [UInt8]
    public let mechanism: String
    /// Mechanism credentials: for CURVE, the client's 32-byte public key.
    public let credentials: [[UInt8]]

    /// The requester's CURVE public key as Z85, when the mechanism is CURVE.
    public var curvePublicKey: String? {
        guard mechanism == "CURVE", credentials.count == 1, credentials[0].count == 32 else { return nil }
        return Z85.encode(credentials[0])
    }

    /// Parses the frames after the REP/ROUTER envelope; nil when they are not a version 1.0 request.
    public static func decode(_ frames: [[UInt8]]) -> ZAPRequest? {
        guard frames.count >= 6, String(decoding: frames[0], as: UTF8.self) == "1.0" else { return nil }
        return ZAPRequest(
            requestId: frames[1], domain: String(decoding: frames[2], as: UTF8.self),
            address: String(decoding: frames[3], as: UTF8.self), routingId: frames[4],
            mechanism: String(decoding: frames[5], as: UTF8.self), credentials: Array(frames.dropFirst(6)))
    }

    /// The reply frames: `200` with the user id that libzmq will attach to every frame from the
    /// peer, or `400` to refuse it.
    public func reply(userId: String?, statusText: String = "") -> [[UInt8]] {
        let accepted = userId != nil
        return [
            Array("1.0".utf8), requestId, Array((accepted ? "200" : "400").utf8),
            Array((statusText.isEmpty ? (accepted ? "OK" : "unknown key") : statusText).utf8),
            Array((userId ?? "").utf8), [],
        ]
    }
}
