import TownWire
import ZeroMQ

/// A DEALER on the submit socket (P+3): sends stamped writes, pipelined, and collects one reply
/// per write. Owned by one thread.
public final class SubmitClient {
    let socket: Socket
    public let endpoint: String

    public init(context: ZMQContext, endpoint: String, security: ClientSecurity? = nil) throws {
        socket = try context.socket(.dealer)
        try security?.apply(to: socket)
        try socket.setSendHighWaterMark(100_000)
        try socket.setReceiveHighWaterMark(100_000)
        try socket.connect(endpoint)
        self.endpoint = endpoint
    }

    /// Sends every request without waiting, then waits for all replies (at most `timeout` ms in
    /// all). Replies are returned in request order; a request left unanswered is missing from the
    /// result (its uuid is not a key), so the caller can keep it for later.
    public func submit(_ requests: [SubmitRequest], timeoutMilliseconds: Int = 5000) throws -> [[UInt8]: SubmitReply] {
        for request in requests {
            try socket.send(request.encode())
        }
        var pending = Set(requests.map(\.uuid))
        var replies: [[UInt8]: SubmitReply] = [:]
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        while !pending.isEmpty, !deadline.hasPassed {
            guard let message = try socket.receive(timeoutMilliseconds: deadline.remainingMilliseconds) else { break }
            guard let reply = try? SubmitReply.decode(message.frames) else { continue }
            if pending.remove(reply.uuid) != nil { replies[reply.uuid] = reply }
        }
        return replies
    }

    /// Sends one request and waits for its reply.
    public func submit(_ request: SubmitRequest, timeoutMilliseconds: Int = 5000) throws -> SubmitReply {
        guard let reply = try submit([request], timeoutMilliseconds: timeoutMilliseconds)[request.uuid] else {
            throw ClientError.timedOut(operation: "submit", milliseconds: timeoutMilliseconds, endpoint: endpoint)
        }
        return reply
    }

    /// Sends raw frames (tests of malformed input).
    public func sendRaw(_ frames: [[UInt8]]) throws { try socket.send(frames) }

    /// Waits for any reply, raw.
    public func receiveRaw(timeoutMilliseconds: Int) throws -> [[UInt8]]? {
        try socket.receive(timeoutMilliseconds: timeoutMilliseconds)?.frames
    }
}
