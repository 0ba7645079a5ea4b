import TownClient
import TownWire
import ZeroMQ

/// Keeps the agent's mirror of what the town holds for this village (its figures, locks,
/// projects and the town's indicators): a snapshot, then every KVPUB in sequence order. A gap in
/// the sequence (a KVPUB past the next one, or a HUGZ ahead of the last applied) means updates
/// were missed: take a new snapshot.
public final class MirrorFollower {
    let store: AgentStore
    let village: String
    let snapshots: SnapshotClient
    let updates: UpdateSubscriber
    let timeoutMilliseconds: Int
    public private(set) var lastSequence: UInt64 = 0
    public private(set) var needsSnapshot = true
    /// Snapshots taken (the first, and one per gap or silence).
    public private(set) var snapshotsTaken = 0

    public init(
        store: AgentStore, village: String, context: ZMQContext, configuration: AgentConfiguration,
        security: ClientSecurity?
    ) throws {
        self.store = store
        self.village = village
        timeoutMilliseconds = configuration.timeoutMilliseconds
        snapshots = try SnapshotClient(context: context, endpoint: configuration.endpoint(0), security: security)
        // The whole tree: only then do sequences show a gap.
        updates = try UpdateSubscriber(context: context, endpoint: configuration.endpoint(1), prefixes: [], security: security)
    }

    /// Whether a key belongs in this village's mirror.
    public func isMirrored(_ key: String) -> Bool {
        key.hasPrefix("/village/\(village)/") || key.hasPrefix("/indicator/") || key.hasPrefix("/lock/\(village)/")
            || key.hasPrefix("/project/") || key.hasPrefix("/target/") || key.hasPrefix("/town/")
    }

    /// Takes a snapshot of the whole tree and keeps this village's part.
    public func resnapshot() throws {
        let snapshot = try snapshots.fetch(timeoutMilliseconds: timeoutMilliseconds)
        let kept = snapshot.values.values.filter { isMirrored($0.key) }
        try store.replaceMirror(subtree: "/", values: Array(kept), sequence: snapshot.sequence)
        lastSequence = snapshot.sequence
        needsSnapshot = false
        snapshotsTaken += 1
    }

    /// Handles what arrived within `timeout` ms; returns whether anything (KVPUB or HUGZ) came.
    @discardableResult
    public func poll(timeoutMilliseconds: Int) throws -> Bool {
        guard let update = try updates.next(timeoutMilliseconds: timeoutMilliseconds) else { return false }
        switch update {
        case .hugz(let sequence):
            if sequence > lastSequence { needsSnapshot = true }
        case .kvpub(let message):
            guard !needsSnapshot, message.sequence > lastSequence else { break }
            if message.sequence != lastSequence + 1 {
                needsSnapshot = true
                break
            }
            if isMirrored(message.key) { try store.applyToMirror(message) }
            lastSequence = message.sequence
        }
        return true
    }

    /// Marks the mirror stale (after a silence or a reconnect).
    public func invalidate() { needsSnapshot = true }
}
