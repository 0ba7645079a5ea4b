import TownMerge
import TownModel
import TownStore
import TownWire

/// The daemon's write path, without sockets: validate, merge with last-writer-wins, commit the
/// whole batch once, then hand back replies, publishes and events. Owned by the socket-loop thread.
///
/// Nothing is acknowledged or published unless its batch committed; when the commit fails every
/// write of the batch is answered `rejected`/`storage` and the in-memory state is left as it was.
public final class WriteEngine {
    /// Every key's current value, tombstones included (committed state only).
    public private(set) var values: [String: StoredValue]
    /// How many keys hold a live value (tombstones left out).
    public private(set) var liveKeyCount: Int
    /// The last sequence assigned.
    public private(set) var sequence: UInt64
    /// The daemon's hybrid logical clock (origin `townd`).
    public internal(set) var clock: HybridLogicalClock
    let store: Store
    let policy: any WritePolicy
    let physical: any PhysicalClock
    /// Live keys with a ttl, by expiry time.
    var expiries: [String: UInt64] = [:]
    /// The indicator model (nil: a plain key-value daemon, as in protocol tests).
    public internal(set) var model: ModelState?

    public init(
        store: Store, policy: any WritePolicy = AccessRules(), physicalClock: any PhysicalClock = SystemClock(),
        maximumOffsetMilliseconds: UInt64 = HybridLogicalClock.defaultMaximumOffsetMilliseconds,
        schema: KeySchema? = nil
    ) throws(StoreError) {
        var values: [String: StoredValue] = [:]
        var expiries: [String: UInt64] = [:]
        var builder = schema.map(ModelStateBuilder.init)
        var live = 0
        // One pass over the stored rows feeds the values, the ttl schedule and the model.
        let header = try store.load(reservingCapacity: { values.reserveCapacity($0) }) { value in
            values[value.key] = value
            guard !value.isTombstone else { return }
            live += 1
            if let expiry = value.expiresAtMilliseconds { expiries[value.key] = expiry }
            builder?.add(key: value.key, body: value.version.body)
        }
        self.store = store
        self.policy = policy
        self.physical = physicalClock
        self.values = values
        self.liveKeyCount = live
        self.expiries = expiries
        self.sequence = header.lastSequence
        self.clock = HybridLogicalClock(
            origin: "townd", physicalClock: physicalClock, maximumOffsetMilliseconds: maximumOffsetMilliseconds,
            restoring: header.clock)
        model = builder?.finish()
    }

    /// The daemon clock's current reading without advancing it.
    public var clockReading: LogicalTime { clock.current }

    /// Handles one batch of writes: one transaction, then the outputs.
    public func handle(_ writes: [IncomingWrite]) -> EngineOutput {
        guard !writes.isEmpty else { return EngineOutput() }
        let now = physical.nowMilliseconds()
        var step = BatchStep(view: BatchView(base: values), sequence: sequence, now: now)
        // The batch takes the model (no copy: it is changed in place); a failed commit rebuilds it.
        step.model = model
        model = nil
        do {
            step.seen = try store.seenWrites(writes.compactMap { $0.uuid.count == 16 ? $0.uuid : nil })
        } catch {
            model = step.model
            return storageFailure(writes, error: error, now: now)
        }
        for write in writes { decide(write, step: &step) }
        deriveFromModel(step: &step)
        var batch = StoreBatch(lastSequence: step.sequence, clock: clock.current)
        batch.values = step.changedKeys.compactMap { step.view.overlay[$0] }
        batch.history = step.history
        batch.seen = Array(step.newSeen.values)
        do {
            try store.commit(batch)
        } catch {
            // Nothing of the batch was stored: the model goes back to what the committed values say.
            model = step.model.map { ModelState(schema: $0.schema, values: values) }
            return storageFailure(writes, error: error, now: now)
        }
        let overlay = step.view.overlay
        // Let go of the batch's reference to the committed values first: mutating them while it is
        // held would copy the whole dictionary (every key) once per batch.
        step.view = BatchView(base: [:])
        for (key, value) in overlay {
            let wasLive = values[key].map { !$0.isTombstone } ?? false
            liveKeyCount += (value.isTombstone ? 0 : 1) - (wasLive ? 1 : 0)
            values[key] = value
            if let expiry = value.expiresAtMilliseconds, !value.isTombstone {
                expiries[key] = expiry
            } else {
                expiries[key] = nil
            }
        }
        sequence = step.sequence
        model = step.model
        return step.output
    }

    /// The writes of a failed batch, each answered `rejected`/`storage`; state unchanged.
    func storageFailure(_ writes: [IncomingWrite], error: StoreError, now: UInt64) -> EngineOutput {
        var output = EngineOutput()
        var event = EventRecord(kind: "storage.error", at: now)
        event.set("detail", error.description)
        event.set("writes", number: Int64(writes.count))
        output.events.append(event)
        for write in writes {
            guard let envelope = write.replyTo else { continue }
            let current = values[write.key]
            output.replies.append(
                (envelope,
                 SubmitReply(
                    key: write.key, uuid: write.uuid, sequence: current?.sequence ?? 0, status: .rejected,
                    reason: .storage, detail: "not stored: \(error.message)", current: current?.version.stamp,
                    clock: clock.current)))
        }
        return output
    }
}
