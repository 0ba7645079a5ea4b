/// Why an agent command failed, as a sentence for the accountant or the person helping them.
public enum AgentError: Error, CustomStringConvertible, Sendable, Equatable {
    case storage(String)
    case input(String)
    case configuration(String)
    case unreachable(String)

    public var description: String {
        switch self {
        case .storage(let text): return "local state: \(text)"
        case .input(let text): return text
        case .configuration(let text): return "configuration: \(text)"
        case .unreachable(let text): return text
        }
    }
}
