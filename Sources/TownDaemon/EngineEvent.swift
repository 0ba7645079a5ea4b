/// An event the engine produced: a write's outcome (nearly every write has one, kept as its parts)
/// or any other event as a record of fields.
public enum EngineEvent: Sendable {
    case outcome(OutcomeEvent)
    case record(EventRecord)

    public var kind: String {
        switch self {
        case .outcome(let event): return event.kind
        case .record(let event): return event.kind
        }
    }

    public var timestampMilliseconds: UInt64 {
        switch self {
        case .outcome(let event): return event.timestampMilliseconds
        case .record(let event): return event.timestampMilliseconds
        }
    }

    /// Appends the event's JSON object (no newline), with `ts` given as text.
    func appendJSON(timestampText: String, to bytes: inout [UInt8]) {
        switch self {
        case .outcome(let event): event.appendJSON(timestampText: timestampText, to: &bytes)
        case .record(let event): bytes += event.json(timestampText: timestampText)
        }
    }
}
