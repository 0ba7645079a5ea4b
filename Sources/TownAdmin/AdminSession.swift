import TownClient
import TownMerge
import TownWire
import ZeroMQ

/// townctl's connection to the daemon: snapshots, and admin writes through the submit socket.
public final class AdminSession {
    let context: ZMQContext
    let host: String
    let basePort: Int
    let security: ClientSecurity?
    public let timeoutMilliseconds: Int
    /// The principal townctl writes as (`admin`; with CURVE, the key's principal).
    public let origin: String

    public init(host: String, basePort: Int, security: ClientSecurity?, timeoutMilliseconds: Int, origin: String = "admin") throws {
        context = try ZMQContext()
        self.host = host
        self.basePort = basePort
        self.security = security
        self.timeoutMilliseconds = timeoutMilliseconds
        self.origin = origin
    }

    public func endpoint(_ offset: Int) -> String { "tcp://\(host):\(basePort + offset)" }

    /// A snapshot of a subtree, or `unreachable` after the time-out.
    public func snapshot(_ subtree: String = "") throws -> Snapshot {
        do {
            return try SnapshotClient(context: context, endpoint: endpoint(0), security: security)
                .fetch(subtree: subtree, timeoutMilliseconds: timeoutMilliseconds)
        } catch let error as ClientError {
            throw AdminError.unreachable("townd at \(endpoint(0)) did not answer within \(timeoutMilliseconds) ms (\(error))")
        }
    }

    /// The whole map as key -> text.
    public func values(_ subtree: String = "") throws -> [String: String] {
        try snapshot(subtree).values.mapValues { String(decoding: $0.body, as: UTF8.self) }
    }

    /// Writes (or, with an empty value, deletes) keys as this admin. Each write is stamped after the
    /// key's current value, which the admin has seen: a correction is newer than what it corrects.
    public func write(_ pairs: [(key: String, value: String)]) throws -> [SubmitReply] {
        let current = try snapshot()
        var clock = HybridLogicalClock(origin: origin, maximumOffsetMilliseconds: .max)
        var requests: [SubmitRequest] = []
        for pair in pairs {
            if let stamp = try? current.values[pair.key]?.stamp() { _ = try? clock.receive(stamp.time) }
            requests.append(
                SubmitRequest(key: pair.key, uuid: Self.uuid(), stamp: try clock.now(), body: Array(pair.value.utf8)))
        }
        let client = try SubmitClient(context: context, endpoint: endpoint(3), security: security)
        let replies = try client.submit(requests, timeoutMilliseconds: timeoutMilliseconds)
        guard replies.count == requests.count else {
            throw AdminError.unreachable("townd at \(endpoint(3)) did not answer every write within \(timeoutMilliseconds) ms")
        }
        return requests.map { replies[$0.uuid]! }
    }

    /// A socket on the events port (P+4), subscribed to a kind prefix.
    public func eventSubscriber(kindPrefix: String) throws -> Socket {
        let socket = try context.socket(.sub)
        if let security { try socket.setCurveClient(serverKey: security.serverPublicKey, keyPair: security.keyPair) }
        try socket.subscribe(kindPrefix)
        try socket.connect(endpoint(4))
        return socket
    }

    static func uuid() -> [UInt8] { WriteID.make() }
}
