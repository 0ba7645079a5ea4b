import TownStore
import TownWire

/// What one engine step produced, to be sent after the commit: replies to submitters, KVPUBs in
/// sequence order, and events.
public struct EngineOutput: Sendable {
    /// Each reply with the ROUTER envelope it goes back on (a slice of the request's frames).
    public var replies: [(envelope: ArraySlice<[UInt8]>, reply: SubmitReply)] = []
    /// The values to publish as KVPUBs, in sequence order (framed as they are sent).
    public var publishes: [StoredValue] = []
    public var events: [EngineEvent] = []

    public init() {}

    public mutating func append(_ other: EngineOutput) {
        replies += other.replies
        publishes += other.publishes
        events += other.events
    }
}
