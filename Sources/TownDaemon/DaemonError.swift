/// Why the daemon refused to start or stopped: always a sentence an operator can act on.
public enum DaemonError: Error, CustomStringConvertible, Sendable {
    case configuration(String)
    case eventLog(String)
    case storage(String)
    case socket(String)
    case security(String)

    public var description: String {
        switch self {
        case .configuration(let text): return "configuration: \(text)"
        case .eventLog(let text): return "event log: \(text)"
        case .storage(let text): return "storage: \(text)"
        case .socket(let text): return "sockets: \(text)"
        case .security(let text): return "security: \(text)"
        }
    }
}
