import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ZeroMQ context. Thread-safe (libzmq guarantees it); sockets are not.
///
/// Orderly shutdown: call ``shutdown()`` so blocking calls in socket-owning threads fail with
/// `ETERM`, let those threads close their sockets, then drop the last reference: `zmq_ctx_term`
/// runs in `deinit`, once every socket (each holds a reference to its context) is gone.
/// Every socket is created with ``defaultLinger`` so termination cannot hang on undelivered data.
public final class ZMQContext: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer
    /// Linger, in milliseconds, set on every socket this context creates.
    public let defaultLinger: Int32

    /// Creates a context.
    /// - Parameters:
    ///   - ioThreads: libzmq I/O threads.
    ///   - defaultLinger: linger (ms) applied to every new socket; never -1 (that could hang).
    public init(ioThreads: Int32 = 1, defaultLinger: Int32 = 100) throws {
        precondition(defaultLinger >= 0, "an infinite linger would let termination hang")
        guard let ctx = zmq_ctx_new() else { throw ZMQError.last("zmq_ctx_new") }
        if zmq_ctx_set(ctx, ZMQ_IO_THREADS, ioThreads) != 0 {
            let error = ZMQError.last("zmq_ctx_set", context: "ZMQ_IO_THREADS")
            zmq_ctx_term(ctx)
            throw error
        }
        self.handle = ctx
        self.defaultLinger = defaultLinger
    }

    /// Creates a socket of the given type, with the context's linger already set.
    public func socket(_ type: SocketType) throws -> Socket {
        try Socket(context: self, type: type)
    }

    /// Makes every blocking call on this context's sockets return `ETERM` (thread-safe).
    public func shutdown() {
        zmq_ctx_shutdown(handle)
    }

    deinit {
        // Every socket has been closed (each keeps its context alive), so this cannot block
        // on an open socket; linger bounds the wait for pending messages.
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    /// libzmq's version as (major, minor, patch).
    public static var version: (major: Int32, minor: Int32, patch: Int32) {
        var major: Int32 = 0
        var minor: Int32 = 0
        var patch: Int32 = 0
        zmq_version(&major, &minor, &patch)
        return (major, minor, patch)
    }

    /// Whether libzmq was built with a capability, e.g. `"curve"`.
    public static func has(_ capability: String) -> Bool {
        zmq_has(capability) == 1
    }
}
