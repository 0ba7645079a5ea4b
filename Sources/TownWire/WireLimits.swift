/// Size limits the decoder enforces (below libzmq's own `ZMQ_MAXMSGSIZE`).
public struct WireLimits: Sendable, Equatable {
    /// Largest body accepted; default 64 KiB.
    public var maximumBodyBytes: Int

    public init(maximumBodyBytes: Int = 64 * 1024) {
        self.maximumBodyBytes = maximumBodyBytes
    }

    public static let `default` = WireLimits()
}
