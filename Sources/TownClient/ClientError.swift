import TownWire
import ZeroMQ

/// Why a client call failed: the daemon did not answer in time, answered nonsense, or the socket
/// failed.
public enum ClientError: Error, CustomStringConvertible, Sendable {
    case timedOut(operation: String, milliseconds: Int, endpoint: String)
    case badReply(WireError)
    case socket(ZMQError)

    public var description: String {
        switch self {
        case .timedOut(let operation, let milliseconds, let endpoint):
            return "\(operation): no answer from \(endpoint) within \(milliseconds) ms (is townd running?)"
        case .badReply(let error): return "the daemon's reply was malformed: \(error)"
        case .socket(let error): return "socket: \(error)"
        }
    }
}
