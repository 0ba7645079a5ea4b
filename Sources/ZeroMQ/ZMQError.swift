import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An error from libzmq: the call that failed, its errno and libzmq's text for it.
public struct ZMQError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The C function (or wrapper operation) that failed, e.g. `zmq_bind`.
    public let call: String
    /// The errno value libzmq reported.
    public let errno: Int32
    /// Extra context, e.g. the endpoint.
    public let context: String

    public init(call: String, errno: Int32, context: String = "") {
        self.call = call
        self.errno = errno
        self.context = context
    }

    /// Builds an error from the calling thread's current `zmq_errno()`.
    static func last(_ call: String, context: String = "") -> ZMQError {
        ZMQError(call: call, errno: zmq_errno(), context: context)
    }

    /// libzmq's description of the errno.
    public var message: String { String(cString: zmq_strerror(errno)) }

    /// True when the context was shut down (`ETERM`): a socket owner should close and return.
    public var isContextTerminated: Bool { errno == ETERM }

    /// True when a non-blocking call would have blocked (`EAGAIN`).
    public var isWouldBlock: Bool { errno == EAGAIN }

    /// True when a ROUTER with `ROUTER_MANDATORY` could not route to the peer.
    public var isHostUnreachable: Bool { errno == EHOSTUNREACH }

    public var description: String {
        let suffix = context.isEmpty ? "" : " (\(context))"
        return "\(call) failed: \(message) [errno \(errno)]\(suffix)"
    }
}
