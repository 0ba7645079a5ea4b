import TownMerge
import TownModel
import TownStore
import TownWire

extension WriteEngine {
    /// Decides one write against the batch's view, recording its history, reply, publish and events.
    func decide(_ write: IncomingWrite, step: inout BatchStep) {
        if let refusal = write.refusal {
            reject(write, refusal, stamp: write.stamp, step: &step)
            return
        }
        let fingerprint = write.fingerprint
        let uuid = WriteUUID(write.uuid)
        if let uuid, let previous = seenWrite(uuid, step: step) {
            if previous.fingerprint == fingerprint && previous.key == write.key {
                finish(write, status: .duplicate, stamp: write.stamp, detail: nil, winnerBody: [], step: &step)
            } else {
                let detail = "uuid already used for another write (to \(previous.key))"
                reject(write, Rejection(.uuidReuse, detail), stamp: write.stamp, step: &step)
            }
            return
        }
        let verdict = policy.checkClassifying(
            key: write.key, body: write.body, principal: write.principal, lookup: step.view)
        if let rejection = verdict.rejection {
            reject(write, rejection, stamp: write.stamp, step: &step)
            return
        }
        let stamp: Stamp
        do {
            if let given = write.stamp {
                try clock.receive(given.time)
                stamp = given
            } else {
                stamp = Stamp(time: try clock.now().time, origin: write.principal.description)
            }
        } catch {
            reject(write, Rejection(.clockAhead, "\(error)"), stamp: write.stamp, step: &step)
            return
        }
        let incoming = Version(stamp: stamp, body: write.body, uuid: write.uuid)
        let (current, position) = step.view.currentAndPosition(write.key)
        let outcome = LWWRegister(current?.version).outcome(of: incoming)
        if let uuid {
            pendingSeen[uuid] = SeenWrite(uuid: write.uuid, key: write.key, fingerprint: fingerprint)
            step.newSeen.append(uuid)
        }
        // The outcome's history row (the next one) keeps the uuid's seen record.
        let historyRow = step.history.count
        defer {
            if uuid != nil, historyRow < step.history.count { step.history[historyRow].seenFingerprint = fingerprint }
        }
        switch outcome {
        case .applied:
            apply(write, incoming, previous: current, at: position, kind: verdict.kind, step: &step)
        case .duplicate:
            finish(write, status: .duplicate, stamp: stamp, detail: nil, winnerBody: [], step: &step)
        case .superseded(let winner):
            supersede(write, stamp: stamp, winner: winner, step: &step)
        case .equalStampConflict(let incomingWon, let other):
            var event = EventRecord(kind: "merge.anomaly", at: step.now)
            event.set("key", write.key)
            event.set("detail", "equal stamps \(stamp) with different values; resolved by comparing bytes")
            event.set("value", incoming.text)
            event.set("other", other.text)
            step.output.events.append(.record(event))
            if incomingWon {
                apply(write, incoming, previous: current, at: position, kind: verdict.kind, step: &step)
            } else {
                supersede(write, stamp: stamp, winner: other, step: &step)
            }
        }
    }

    /// A uuid seen before: by a batch not yet committed (this one included), or by the store.
    private func seenWrite(_ uuid: WriteUUID, step: BatchStep) -> SeenWrite? {
        if !pendingSeen.isEmpty, let seen = pendingSeen[uuid] { return seen }
        return step.storedSeen.isEmpty ? nil : step.storedSeen[uuid]
    }

    /// `position`: where the engine's table holds `previous` (nil: not there).
    private func apply(
        _ write: IncomingWrite, _ version: Version, previous: StoredValue?, at position: Int?, kind: KeyKind?,
        step: inout BatchStep
    ) {
        step.sequence += 1
        let expiry = write.ttlSeconds.map { step.now + UInt64($0) * 1000 }
        let value = StoredValue(
            key: write.key, version: version, sequence: step.sequence, ttlSeconds: write.ttlSeconds,
            expiresAtMilliseconds: write.body.isEmpty ? nil : expiry)
        step.store(value, replacing: previous, at: position)
        step.output.publishes.append(value)
        finish(write, status: .applied, stamp: version.stamp, detail: nil, winnerBody: [], step: &step, current: value)
        for event in EventFactory.sideEvents(of: write, previous: previous, now: step.now) {
            step.output.events.append(.record(event))
        }
        observe(key: write.key, kind: kind, previous: previous, current: value, step: &step)
    }

    private func supersede(_ write: IncomingWrite, stamp: Stamp, winner: Version, step: inout BatchStep) {
        let detail = "a newer value holds: " + (winner.isTombstone ? "deleted" : "'\(winner.text)'")
            + " stamped \(winner.stamp.text) by \(winner.stamp.origin)"
        finish(write, status: .superseded, stamp: stamp, detail: detail, winnerBody: winner.body, step: &step)
    }

    func reject(_ write: IncomingWrite, _ rejection: Rejection, stamp: Stamp?, step: inout BatchStep) {
        finish(write, status: .rejected, rejection: rejection, stamp: stamp, detail: rejection.detail, winnerBody: [], step: &step)
    }

    /// Records the outcome: history row, reply (submits), event, with the key's current value.
    private func finish(
        _ write: IncomingWrite, status: SubmitStatus, rejection: Rejection? = nil, stamp: Stamp?, detail: String?,
        winnerBody: [UInt8], step: inout BatchStep, current known: StoredValue? = nil
    ) {
        // An applied write passes the value it stored; the others' key is looked up.
        let current = known ?? step.view.current(write.key)
        step.history.append(
            HistoryEntry(
                atMilliseconds: step.now, key: write.key, status: status.rawValue, reason: rejection?.reason.rawValue,
                detail: detail, stamp: stamp, principal: write.principal.description, uuid: write.uuid, body: write.body,
                sequence: current?.sequence ?? 0, channel: write.channel.rawValue, ttlSeconds: write.ttlSeconds))
        if let envelope = write.replyTo {
            step.output.replies.append(
                (envelope,
                 SubmitReply(
                    key: write.key, uuid: write.uuid, sequence: current?.sequence ?? 0, status: status,
                    reason: rejection?.reason, detail: detail, current: current?.version.stamp, clock: clock.current,
                    body: winnerBody)))
        }
        if write.channel == .submit || write.channel == .collector || status != .applied {
            step.output.events.append(
                .outcome(EventFactory.outcome(
                    of: write, status: status, rejection: rejection, stamp: stamp, detail: detail, current: current,
                    now: step.now)))
        }
    }
}
