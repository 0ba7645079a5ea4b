import TownWire
import ZeroMQ

/// A DEALER on the snapshot socket (P): `ICANHAZ?` and collect `KVSYNC`s until `KTHXBAI`.
public final class SnapshotClient {
    let socket: Socket
    public let endpoint: String

    public init(context: ZMQContext, endpoint: String, security: ClientSecurity? = nil) throws {
        socket = try context.socket(.dealer)
        try security?.apply(to: socket)
        try socket.setReceiveHighWaterMark(0)
        try socket.connect(endpoint)
        self.endpoint = endpoint
    }

    /// Takes a snapshot of `subtree` (empty: everything), waiting at most `timeout` ms.
    public func fetch(subtree: String = "", timeoutMilliseconds: Int = 5000) throws -> Snapshot {
        try socket.send(SnapshotRequest(subtree: subtree).encode())
        // Collected in order, then keyed once at the end: growing a dictionary of a million
        // messages rehashes and moves every one of them about twenty times.
        var received: [KVMessage] = []
        let deadline = Deadline(milliseconds: timeoutMilliseconds)
        var frames: [[UInt8]] = []
        var frame = Frame()
        // The clock is read only when the socket has nothing queued and every 1,024 messages (two
        // clock reads a message were 6% of a 1M-key snapshot).
        while try socket.receiveFrames(into: &frames, frame: &frame, mode: .dontWait)
            || socket.receiveFrames(into: &frames, frame: &frame, timeoutMilliseconds: deadline.remainingMilliseconds)
        {
            let reply: SnapshotReply
            do {
                reply = try SnapshotReply.decode(frames)
            } catch {
                throw ClientError.badReply(error)
            }
            switch reply {
            case .kvsync(let value): received.append(value)
            case .kthxbai(let sequence, _): return Snapshot(values: Self.keyed(&received), sequence: sequence)
            }
            if received.count & 1023 == 0, deadline.hasPassed { break }
        }
        throw ClientError.timedOut(operation: "snapshot", milliseconds: timeoutMilliseconds, endpoint: endpoint)
    }

    /// The messages by key; a later message for a key replaces an earlier one. The messages are
    /// moved out of the array (last first), not copied: releasing a million copies showed in profiles.
    static func keyed(_ messages: inout [KVMessage]) -> [String: KVMessage] {
        var values = [String: KVMessage](minimumCapacity: messages.count)
        while let message = messages.popLast() {
            // Taken newest first: an older message for a key already taken does not replace it.
            let key = message.key
            if let newer = values.updateValue(message, forKey: key) { values[key] = newer }
        }
        return values
    }
}
