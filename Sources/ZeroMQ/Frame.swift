import CZeroMQ

/// One ZeroMQ message part, owning its `zmq_msg_t` on the heap.
///
/// libzmq forbids copying an initialised `zmq_msg_t`; this type is `~Copyable`, keeps the
/// struct at one address and closes it exactly once. It is not `Sendable`: a frame belongs to the
/// thread that received it.
public struct Frame: ~Copyable {
    let message: UnsafeMutablePointer<zmq_msg_t>

    /// An empty frame, ready to receive into.
    public init() {
        message = .allocate(capacity: 1)
        zmq_msg_init(message)
    }

    /// A frame holding a copy of `bytes`.
    public init(bytes: some Collection<UInt8>) throws {
        message = .allocate(capacity: 1)
        guard zmq_msg_init_size(message, bytes.count) == 0 else {
            let error = ZMQError.last("zmq_msg_init_size", context: "\(bytes.count) bytes")
            message.deallocate()
            throw error
        }
        if !bytes.isEmpty {
            let destination = UnsafeMutableRawBufferPointer(
                start: zmq_msg_data(message), count: bytes.count)
            _ = destination.initializeMemory(as: UInt8.self, from: bytes)
        }
    }

    deinit {
        zmq_msg_close(message)
        message.deallocate()
    }

    /// Number of bytes in the frame.
    public var count: Int { zmq_msg_size(message) }

    /// A copy of the frame's bytes.
    public var bytes: [UInt8] {
        let size = zmq_msg_size(message)
        guard size > 0, let data = zmq_msg_data(message) else { return [] }
        return Array(UnsafeRawBufferPointer(start: data, count: size))
    }

    /// Whether more parts of the same message follow this one.
    public var hasMore: Bool { zmq_msg_more(message) == 1 }

    /// A metadata property of a received frame, e.g. `"User-Id"` (set by a ZAP handler) or
    /// `"Peer-Address"`; nil when the property is absent.
    public func property(_ name: String) -> String? {
        guard let value = zmq_msg_gets(message, name) else { return nil }
        return String(cString: value)
    }
}
