import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A ZeroMQ socket. Not thread-safe, so not `Sendable`: create it, hand it (once) to the thread
/// that will own it, and use it only there. Closed in `deinit` or by ``close()``.
public final class Socket {
    let handle: UnsafeMutableRawPointer
    /// The socket's type.
    public let type: SocketType
    /// Keeps the context alive until this socket is closed, so `zmq_ctx_term` cannot hang on it.
    private let context: ZMQContext
    private var isClosed = false

    init(context: ZMQContext, type: SocketType) throws {
        guard let socket = zmq_socket(context.handle, type.rawValue) else {
            throw ZMQError.last("zmq_socket", context: "\(type)")
        }
        self.handle = socket
        self.type = type
        self.context = context
        try setInt32(ZMQ_LINGER, context.defaultLinger, name: "ZMQ_LINGER")
    }

    deinit { close() }

    /// Closes the socket now; pending outgoing messages get the linger period. Idempotent.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        zmq_close(handle)
    }

    /// Binds to an endpoint such as `tcp://127.0.0.1:5556` or `inproc://name`.
    public func bind(_ endpoint: String) throws {
        guard zmq_bind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_bind", context: endpoint) }
    }

    /// Connects to an endpoint; the connection itself is made (and remade) in the background.
    public func connect(_ endpoint: String) throws {
        guard zmq_connect(handle, endpoint) == 0 else {
            throw ZMQError.last("zmq_connect", context: endpoint)
        }
    }

    /// Stops listening on a bound endpoint.
    public func unbind(_ endpoint: String) throws {
        guard zmq_unbind(handle, endpoint) == 0 else { throw ZMQError.last("zmq_unbind", context: endpoint) }
    }

    /// Drops a connection made with ``connect(_:)``.
    public func disconnect(_ endpoint: String) throws {
        guard zmq_disconnect(handle, endpoint) == 0 else {
            throw ZMQError.last("zmq_disconnect", context: endpoint)
        }
    }

    /// The endpoint last bound or connected; after binding `tcp://127.0.0.1:*` it names the port
    /// the system picked.
    public func lastEndpoint() throws -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(handle, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else {
            throw ZMQError.last("zmq_getsockopt", context: "ZMQ_LAST_ENDPOINT")
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

@available(*, unavailable, message: "a ZeroMQ socket belongs to one thread")
extension Socket: Sendable {}
