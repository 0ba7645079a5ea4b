/// A last-writer-wins register: holds the greatest ``Version`` it has seen (or nothing).
public struct LWWRegister: Hashable, Sendable {
    public private(set) var version: Version?

    public init(_ version: Version? = nil) { self.version = version }

    /// What merging `incoming` would do, without changing anything (so a caller can check locks
    /// or validation first, or answer a dry run).
    public func outcome(of incoming: Version) -> MergeOutcome {
        guard let current = version else { return .applied(previous: nil) }
        if incoming.stamp > current.stamp { return .applied(previous: current) }
        if incoming.stamp < current.stamp { return .superseded(winner: current) }
        if incoming.body == current.body { return .duplicate }
        return .equalStampConflict(incomingWon: current.precedes(incoming), other: current)
    }

    /// Merges `incoming` and returns what happened. The register ends holding the greater of the
    /// two versions, so merge is commutative, associative and idempotent.
    @discardableResult
    public mutating func merge(_ incoming: Version) -> MergeOutcome {
        let result = outcome(of: incoming)
        if let current = version {
            if current.precedes(incoming) { version = incoming }
        } else {
            version = incoming
        }
        return result
    }

    /// Merges another register's state into this one.
    public mutating func merge(_ other: LWWRegister) {
        if let incoming = other.version { merge(incoming) }
    }
}
