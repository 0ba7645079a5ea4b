/// Why a townctl command failed; `exitCode` is what scripts see.
public enum AdminError: Error, CustomStringConvertible, Sendable {
    /// The daemon did not answer in time (exit 1).
    case unreachable(String)
    /// The daemon refused the write (exit 2).
    case rejected(String)
    /// Nothing there (exit 3).
    case notFound(String)
    /// Bad input or local problem (exit 4).
    case input(String)

    public var description: String {
        switch self {
        case .unreachable(let text), .rejected(let text), .notFound(let text), .input(let text): return text
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .unreachable: return 1
        case .rejected: return 2
        case .notFound: return 3
        case .input: return 4
        }
    }
}
