import ZeroMQ

/// CURVE settings for a client socket: the server's public key and this client's pair.
public struct ClientSecurity: Sendable {
    public var serverPublicKey: String
    public var keyPair: CurveKeyPair

    public init(serverPublicKey: String, keyPair: CurveKeyPair) {
        self.serverPublicKey = serverPublicKey
        self.keyPair = keyPair
    }

    func apply(to socket: Socket) throws {
        try socket.setCurveClient(serverKey: serverPublicKey, keyPair: keyPair)
    }
}
