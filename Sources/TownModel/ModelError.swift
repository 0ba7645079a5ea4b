/// A catalog or registry that cannot be used, with the reason.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case catalog(String)

    public var description: String {
        switch self {
        case .catalog(let text): return "catalog: \(text)"
        }
    }
}
