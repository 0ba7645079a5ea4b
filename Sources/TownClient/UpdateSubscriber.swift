import TownWire
import ZeroMQ

/// A SUB on the publisher socket (P+1): `KVPUB`s and `HUGZ` for the prefixes asked for.
public final class UpdateSubscriber {
    let socket: Socket
    public let endpoint: String

    /// Subscribes to each prefix (empty list: everything) and to `HUGZ`.
    public init(context: ZMQContext, endpoint: String, prefixes: [String] = [], security: ClientSecurity? = nil) throws {
        socket = try context.socket(.sub)
        try security?.apply(to: socket)
        try socket.setReceiveHighWaterMark(0)
        if prefixes.isEmpty {
            try socket.subscribe()
        } else {
            for prefix in prefixes { try socket.subscribe(prefix) }
            try socket.subscribe(CHPCommand.hugz)
        }
        try socket.connect(endpoint)
        self.endpoint = endpoint
    }

    /// The next update, waiting at most `timeout` ms; nil on time-out.
    public func next(timeoutMilliseconds: Int) throws -> Update? {
        guard let message = try socket.receive(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        do {
            return try Update.decode(message.frames)
        } catch {
            throw ClientError.badReply(error)
        }
    }

    /// Waits until the subscription is live: returns once the first `HUGZ` (or update) arrives.
    public func waitUntilJoined(timeoutMilliseconds: Int = 5000) throws -> Update {
        guard let update = try next(timeoutMilliseconds: timeoutMilliseconds) else {
            throw ClientError.timedOut(operation: "subscribe", milliseconds: timeoutMilliseconds, endpoint: endpoint)
        }
        return update
    }
}
