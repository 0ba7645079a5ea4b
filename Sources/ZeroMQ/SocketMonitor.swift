import CZeroMQ

/// Watches a socket's connection events (connect, disconnect, handshake and auth failures)
/// through `zmq_socket_monitor` and a PAIR socket. Owned by one thread, like sockets.
public final class SocketMonitor {
    /// The PAIR socket the events arrive on; add it to a ``Poller`` to wait on it with others.
    public let socket: Socket
    private let endpoint: String

    /// Starts monitoring `target` for all events. Call on the thread that owns `target`.
    public init(_ target: Socket, context: ZMQContext) throws {
        endpoint = "inproc://townsync-monitor-\(UInt(bitPattern: target.handle))"
        guard zmq_socket_monitor(target.handle, endpoint, ZMQ_EVENT_ALL) == 0 else {
            throw ZMQError.last("zmq_socket_monitor", context: endpoint)
        }
        socket = try context.socket(.pair)
        try socket.connect(endpoint)
    }

    /// The next event, waiting at most `timeoutMilliseconds`; nil on time-out.
    public func next(timeoutMilliseconds: Int) throws -> MonitorEvent? {
        guard let message = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        return MonitorEvent.decode(message.frames)
    }

    /// Waits for an event of `kind`, skipping others, up to `timeoutMilliseconds` in all.
    public func waitFor(_ kind: MonitorEventKind, timeoutMilliseconds: Int) throws -> MonitorEvent? {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        while clock.now < deadline {
            let left = clock.now.duration(to: deadline).components
            let milliseconds = Int(left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000)
            if let event = try next(timeoutMilliseconds: max(1, milliseconds)), event.kind == kind {
                return event
            }
        }
        return nil
    }
}
