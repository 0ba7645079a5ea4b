/// What merging one incoming version into a register did (or would do).
public enum MergeOutcome: Equatable, Sendable {
    /// The incoming version is newer and now holds; `previous` is what it replaced.
    case applied(previous: Version?)
    /// The register already holds this version (same stamp and body): nothing changes.
    case duplicate
    /// A newer version holds; the incoming one lost to `winner` and changes nothing.
    case superseded(winner: Version)
    /// Equal stamps with different bodies: an anomaly (a writer reused a time). Resolved by
    /// comparing body bytes; `incomingWon` says whether the register changed. Should be logged.
    case equalStampConflict(incomingWon: Bool, other: Version)

    /// Whether the register's visible value changed.
    public var changedValue: Bool {
        switch self {
        case .applied: return true
        case .equalStampConflict(let incomingWon, _): return incomingWon
        case .duplicate, .superseded: return false
        }
    }
}
