/// Why a stamp's text or origin was refused.
public enum StampParseError: Error, Equatable, Sendable, CustomStringConvertible {
    case notWallDotCounter(String)
    case emptyField(String, String)
    case notDecimal(String, String)
    case leadingZero(String, String)
    case outOfRange(String, String)
    case invalidOrigin(String, reason: String)

    public var description: String {
        switch self {
        case .notWallDotCounter(let text): return "stamp '\(text)' is not <wall_ms>.<counter>"
        case .emptyField(let field, let text): return "stamp '\(text)' has an empty \(field)"
        case .notDecimal(let field, let text): return "stamp '\(text)': \(field) is not a decimal number"
        case .leadingZero(let field, let text): return "stamp '\(text)': \(field) has a leading zero"
        case .outOfRange(let field, let text): return "stamp '\(text)': \(field) is out of range"
        case .invalidOrigin(let origin, let reason): return "origin '\(origin)' is invalid: \(reason)"
        }
    }
}
