import TownStore
import TownWire

/// What one engine step produced, to be sent after the commit: replies to submitters, KVPUBs in
/// sequence order, and events.
public struct EngineOutput: Sendable {
    public var replies: [(envelope: [[UInt8]], reply: SubmitReply)] = []
    /// The values to publish as KVPUBs, in sequence order (framed as they are sent).
    public var publishes: [StoredValue] = []
    public var events: [EventRecord] = []

    public init() {}

    public mutating func append(_ other: EngineOutput) {
        replies += other.replies
        publishes += other.publishes
        events += other.events
    }
}
