import TownMerge
import TownModel
import TownStore
import TownWire

/// The daemon's write path, without sockets: validate, merge with last-writer-wins, commit the
/// whole batch once, then hand back replies, publishes and events. Owned by the socket-loop thread.
///
/// A batch is applied in memory when it is decided (the next batch is decided on top of it), but
/// nothing is acknowledged or published unless its batch committed; when a commit fails every
/// write of that batch and of the batches decided after it is answered `rejected`/`storage` and
/// the in-memory state goes back to the committed one.
public final class WriteEngine {
    /// Every key's current value, tombstones included; with batches pending, their values too
    /// (the socket loop waits for the commits in flight before serving a snapshot).
    public private(set) var values: ValueTable
    /// The keys under `/indicator/` (tombstones included), so start-up's reconciliation need not
    /// scan every key.
    var indicatorKeys: Set<String>
    /// The live locks among `values`, so a write's lock check needs no key built and looked up.
    private(set) var locks: LiveLocks
    /// How many keys hold a live value (tombstones left out).
    public private(set) var liveKeyCount: Int
    /// The last sequence of a committed batch: what subscribers have been (or are being) sent.
    /// HUGZ carries this one, so a subscriber never sees a sequence ahead of the KVPUBs it has.
    public var committedSequence: UInt64 { pending.first?.sequenceBefore ?? sequence }
    /// The last sequence assigned.
    public private(set) var sequence: UInt64
    /// The daemon's hybrid logical clock (origin `townd`).
    public internal(set) var clock: HybridLogicalClock
    let store: Store
    /// The store's seen uuids, read with a connection of the engine's own.
    private let seenLookup: SeenLookup
    let policy: any WritePolicy
    let physical: any PhysicalClock
    /// Live keys with a ttl, by expiry time.
    var expiries: [String: UInt64] = [:]
    /// Batches applied in memory whose commit is not yet known to have succeeded, oldest first.
    private(set) var pending: [PendingBatch] = []
    private var lastBatchID: UInt64 = 0
    /// The uuids those batches saw for the first time, the batch being decided included (not yet
    /// in the store).
    var pendingSeen: [WriteUUID: SeenWrite] = [:]
    /// The indicator model (nil: a plain key-value daemon, as in protocol tests).
    public internal(set) var model: ModelState?

    public init(
        store: Store, policy: any WritePolicy = AccessRules(), physicalClock: any PhysicalClock = SystemClock(),
        maximumOffsetMilliseconds: UInt64 = HybridLogicalClock.defaultMaximumOffsetMilliseconds,
        schema: KeySchema? = nil
    ) throws(StoreError) {
        var values = ValueTable()
        var expiries: [String: UInt64] = [:]
        let builder = schema.map(ParallelModelBuilder.init)
        var live = 0
        var indicatorKeys: Set<String> = []
        var locks = LiveLocks()
        // One pass over the stored rows feeds the values, the ttl schedule and (on another core)
        // the model.
        let header = try store.load(reservingCapacity: { values.reserveCapacity($0) }) { value in
            values.insert(value)
            if Self.isIndicatorKey(value.key) { indicatorKeys.insert(value.key) }
            guard !value.isTombstone else { return }
            locks.update(key: value.key, live: true)
            live += 1
            if let expiry = value.expiresAtMilliseconds { expiries[value.key] = expiry }
            builder?.add(key: value.key, body: value.version.body)
        }
        self.store = store
        seenLookup = try store.makeSeenLookup()
        self.policy = policy
        self.physical = physicalClock
        self.values = values
        self.liveKeyCount = live
        self.indicatorKeys = indicatorKeys
        self.locks = locks
        self.expiries = expiries
        self.sequence = header.lastSequence
        self.clock = HybridLogicalClock(
            origin: "townd", physicalClock: physicalClock, maximumOffsetMilliseconds: maximumOffsetMilliseconds,
            restoring: header.clock)
        model = builder?.finish()
    }

    /// The daemon clock's current reading without advancing it.
    public var clockReading: LogicalTime { clock.current }

    /// Handles one batch of writes: one transaction, then the outputs (decide, commit and confirm
    /// on the calling thread; the socket loop pipelines the same steps through a ``Committer``).
    public func handle(_ writes: [IncomingWrite]) -> EngineOutput {
        precondition(pending.isEmpty, "handle(_:) commits at once: drain the pipelined batches first")
        switch prepare(writes) {
        case .answered(let output): return output
        case .pending(let prepared):
            do {
                try store.commit(prepared.batch)
            } catch {
                return rollBack(error)
            }
            return confirmOldest()
        }
    }

    /// Decides a batch on top of every batch decided before it (committed or not) and applies it
    /// to the in-memory state at once, keeping what it replaced. Nothing of it may be sent until
    /// ``confirmOldest()`` says its commit succeeded; ``rollBack(_:)`` undoes it otherwise.
    func prepare(_ writes: [IncomingWrite]) -> Preparation {
        guard !writes.isEmpty else { return .answered(EngineOutput()) }
        let now = physical.nowMilliseconds()
        var step = BatchStep(view: BatchView(base: values, baseLocks: locks), sequence: sequence, now: now)
        step.reserveCapacity(writes: writes.count)
        // The batch takes the model (no copy: it is changed in place).
        step.model = model
        model = nil
        do {
            // Uuids of batches not yet committed are not in the store yet (deciding looks at
            // those batches): the rest are asked of the store.
            var lookups: [[UInt8]] = []
            lookups.reserveCapacity(writes.count)
            // By index: `for write in writes` would copy each write (a retain and a release for
            // every one of its strings and arrays).
            for index in writes.indices {
                guard let uuid = WriteUUID(writes[index].uuid) else { continue }
                if pendingSeen.isEmpty || pendingSeen[uuid] == nil { lookups.append(writes[index].uuid) }
            }
            for (bytes, seen) in try seenLookup.seenWrites(lookups) {
                if let uuid = WriteUUID(bytes) { step.storedSeen[uuid] = seen }
            }
        } catch {
            model = step.model
            return .answered(storageFailure(writes, error: error, now: now))
        }
        for index in writes.indices { decide(writes[index], step: &step) }
        deriveFromModel(step: &step)
        var batch = StoreBatch(lastSequence: step.sequence, clock: clock.current)
        let changes = step.view.changes
        batch.values = changes.map(\.value)
        // The new uuids' seen records are in their history rows (`seenFingerprint`).
        batch.history = step.history
        // Let go of the batch's reference to the values first: mutating them while it is held
        // would copy the whole table (every key) once per batch.
        step.view = BatchView(base: ValueTable())
        var replaced: [(key: String, value: StoredValue?)] = []
        replaced.reserveCapacity(changes.count)
        for change in changes {
            // What the value replaces is known from deciding: the table need not build it again.
            install(change.value, replacing: change.before, at: change.position)
            replaced.append((change.value.key, change.before))
        }
        lastBatchID += 1
        pending.append(
            PendingBatch(
                id: lastBatchID, writes: writes, output: step.output, replaced: replaced, sequenceBefore: sequence,
                seen: step.newSeen))
        sequence = step.sequence
        model = step.model
        return .pending(PreparedBatch(id: lastBatchID, batch: batch))
    }

    /// The oldest pending batch is durable: its outputs may go out now.
    func confirmOldest() -> EngineOutput {
        guard !pending.isEmpty else { return EngineOutput() }
        let batch = pending.removeFirst()
        for uuid in batch.seen { pendingSeen[uuid] = nil }
        return batch.output
    }

    /// Whether batches are decided but not yet known to be durable.
    var hasPendingBatches: Bool { !pending.isEmpty }

    /// Whether the batch with this id is still waiting for its commit.
    func isPending(_ id: UInt64) -> Bool { pending.contains { $0.id == id } }

    /// A commit failed: every pending batch (the one that failed and those decided on top of it)
    /// is undone and each of its writes answered `rejected`/`storage`.
    func rollBack(_ error: StoreError) -> EngineOutput {
        guard let first = pending.first else { return EngineOutput() }
        for batch in pending.reversed() {
            for (key, value) in batch.replaced.reversed() { install(value, forKey: key) }
        }
        sequence = first.sequenceBefore
        let batches = pending
        pending = []
        pendingSeen = [:]
        // The model goes back to what the committed values say.
        if let schema = model?.schema { model = ModelState(schema: schema, values: values) }
        var output = EngineOutput()
        let now = physical.nowMilliseconds()
        for batch in batches { output.append(storageFailure(batch.writes, error: error, now: now)) }
        return output
    }

    /// Sets (or, with nil, removes) a key's value, keeping the live count and ttl schedule in
    /// step; returns the value it replaced.
    @discardableResult
    private func install(_ value: StoredValue?, forKey key: String) -> StoredValue? {
        let old = value.map { values.insert($0) } ?? values.removeValue(forKey: key)
        account(value, forKey: key, replacing: old)
        return old
    }

    /// Sets a key's value that replaces `old` (the key's value in the table now, as the batch read it).
    private func install(_ value: StoredValue, replacing old: StoredValue?, at position: Int?) {
        values.update(value, at: position)
        account(value, forKey: value.key, replacing: old)
    }

    /// Keeps the live count, the locks, the indicator keys and the ttl schedule in step with a
    /// key's value changing from `old` to `value`.
    private func account(_ value: StoredValue?, forKey key: String, replacing old: StoredValue?) {
        let wasLive = old.map { !$0.isTombstone } ?? false
        let isLive = value.map { !$0.isTombstone } ?? false
        liveKeyCount += (isLive ? 1 : 0) - (wasLive ? 1 : 0)
        if isLive != wasLive { locks.update(key: key, live: isLive) }
        if Self.isIndicatorKey(key) {
            if value == nil { indicatorKeys.remove(key) } else { indicatorKeys.insert(key) }
        }
        if let expiry = value?.expiresAtMilliseconds, isLive {
            expiries[key] = expiry
        } else if wasLive, old?.expiresAtMilliseconds != nil {
            // Only a live value with an expiry is scheduled.
            expiries[key] = nil
        }
    }

    static func isIndicatorKey(_ key: String) -> Bool { key.utf8.starts(with: "/indicator/".utf8) }

    /// The writes of a failed batch, each answered `rejected`/`storage`; state unchanged.
    func storageFailure(_ writes: [IncomingWrite], error: StoreError, now: UInt64) -> EngineOutput {
        var output = EngineOutput()
        var event = EventRecord(kind: "storage.error", at: now)
        event.set("detail", error.description)
        event.set("writes", number: Int64(writes.count))
        output.events.append(.record(event))
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
