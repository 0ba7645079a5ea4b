import TownWire

/// A write refused before merge: the reply's `reason` and a one-line `detail`.
public struct Rejection: Error, Sendable, Equatable {
    public var reason: RejectReason
    public var detail: String

    public init(_ reason: RejectReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }
}
