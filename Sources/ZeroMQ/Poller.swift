import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Waits on several sockets at once with `zmq_poll` (level-triggered).
///
/// Holds its sockets, so it is owned by the same thread as they are.
public final class Poller {
    private var items: [zmq_pollitem_t] = []
    private var sockets: [Socket] = []

    public init() {}

    /// Adds a socket and returns its index for ``events(at:)``.
    @discardableResult
    public func add(_ socket: Socket, events: PollEvents = .readable) -> Int {
        sockets.append(socket)
        items.append(zmq_pollitem_t(socket: socket.handle, fd: 0, events: events.rawValue, revents: 0))
        return items.count - 1
    }

    /// Waits up to `timeoutMilliseconds` (-1: forever, 0: just look) and returns how many sockets
    /// have events. An interrupted wait (`EINTR`) returns 0 so the caller can re-check its state.
    public func poll(timeoutMilliseconds: Int) throws -> Int {
        let result = items.withUnsafeMutableBufferPointer {
            zmq_poll($0.baseAddress, Int32($0.count), timeoutMilliseconds)
        }
        if result >= 0 { return Int(result) }
        let error = ZMQError.last("zmq_poll")
        if error.errno == EINTR { return 0 }
        throw error
    }

    /// The events the last ``poll(timeoutMilliseconds:)`` reported for socket `index`.
    public func events(at index: Int) -> PollEvents {
        PollEvents(rawValue: items[index].revents)
    }

    /// Whether socket `index` had a message to read at the last poll.
    public func isReadable(_ index: Int) -> Bool { events(at: index).contains(.readable) }
}

@available(*, unavailable, message: "a poller holds sockets, which belong to one thread")
extension Poller: Sendable {}
