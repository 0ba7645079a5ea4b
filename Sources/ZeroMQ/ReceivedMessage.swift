/// A whole multipart message as received: its frames and the peer's authenticated identity.
public struct ReceivedMessage: Sendable, Equatable {
    /// The frames, in order, with their full contents.
    public var frames: [[UInt8]]
    /// The `User-Id` the ZAP handler assigned to the sending peer; nil without authentication.
    public var userId: String?
    /// The peer's address as libzmq saw it (`Peer-Address`), when known.
    public var peerAddress: String?

    public init(frames: [[UInt8]], userId: String? = nil, peerAddress: String? = nil) {
        self.frames = frames
        self.userId = userId
        self.peerAddress = peerAddress
    }
}
