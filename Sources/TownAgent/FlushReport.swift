/// What one flush of the outbox achieved.
public struct FlushReport: Sendable, Equatable {
    public var sent = 0
    public var applied = 0
    public var duplicates = 0
    /// Entries that lost to a newer town value: (key, our value, the town's value).
    public var superseded: [(key: String, ours: String, town: String)] = []
    /// Entries refused: (key, reason, detail).
    public var failed: [(key: String, reason: String, detail: String)] = []
    /// Entries restamped from the town's clock after `clock-ahead`, then sent again.
    public var restamped = 0
    /// Entries still waiting (no answer in time).
    public var left = 0

    public init() {}

    public static func == (lhs: FlushReport, rhs: FlushReport) -> Bool {
        lhs.sent == rhs.sent && lhs.applied == rhs.applied && lhs.duplicates == rhs.duplicates
            && lhs.superseded.map(\.key) == rhs.superseded.map(\.key) && lhs.failed.map(\.key) == rhs.failed.map(\.key)
            && lhs.restamped == rhs.restamped && lhs.left == rhs.left
    }

    /// One line for people per entry that did not simply apply: superseded, refused, restamped.
    public var detailLines: [String] {
        var lines = superseded.map { "superseded  \($0.key): the town holds \($0.town), newer than ours (\($0.ours))" }
        lines += failed.map { "refused     \($0.key) (\($0.reason)): \($0.detail)" }
        if restamped > 0 {
            lines.append("note: this PC's clock is ahead of the town's; \(restamped) entries were restamped with the town's time")
        }
        return lines
    }

    /// Whether anything is still waiting to be delivered.
    public var hasLeftovers: Bool { left > 0 }
}
