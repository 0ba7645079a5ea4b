/// Why a submit was rejected (the reply's `reason` property).
public enum RejectReason: String, Sendable, CaseIterable {
    case malformed
    case unauthorized
    case unknownKey = "unknown-key"
    case invalidValue = "invalid-value"
    case locked
    case clockAhead = "clock-ahead"
    case uuidReuse = "uuid-reuse"
    case storage
}
