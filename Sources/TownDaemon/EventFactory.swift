import TownMerge
import TownModel
import TownStore
import TownWire

/// Builds the events the write path emits.
enum EventFactory {
    /// `submit.<status>` for one outcome.
    static func outcome(
        of write: IncomingWrite, status: SubmitStatus, rejection: Rejection?, stamp: Stamp?, detail: String?,
        current: StoredValue?, now: UInt64
    ) -> OutcomeEvent {
        OutcomeEvent(
            key: write.key, body: write.body, principal: write.principal, channel: write.channel, peer: write.peer,
            status: status, reason: rejection?.reason, detail: detail, stamp: stamp,
            winner: status == .superseded ? current?.version : nil,
            sequence: status == .applied ? current?.sequence ?? 0 : nil, timestampMilliseconds: now)
    }

    /// `validation.violation` or `validation.resolved`.
    static func violation(_ violation: Violation, kind: String, now: UInt64) -> EventRecord {
        var event = EventRecord(kind: kind, at: now)
        event.set("rule", violation.rule)
        event.set("key", violation.subject)
        event.set("village", violation.village)
        event.set("detail", violation.detail)
        return event
    }

    /// Events that follow from an applied change: locks, presence, expiry, `previous` value.
    static func sideEvents(of write: IncomingWrite, previous: StoredValue?, now: UInt64) -> [EventRecord] {
        // Most writes are figures: nothing follows from them.
        if write.channel != .derived && write.channel != .ttl && !write.key.utf8.starts(with: "/lock/".utf8)
            && !write.key.utf8.starts(with: "/agent/".utf8)
        {
            return []
        }
        let path = KeyPath(write.key)
        let wasLive = previous.map { !$0.isTombstone } ?? false
        var events: [EventRecord] = []
        func event(_ kind: String) -> EventRecord {
            var event = EventRecord(kind: kind, at: now)
            event.set("key", write.key)
            event.set("village", path.villageID)
            event.set("principal", write.principal.description)
            return event
        }
        if write.channel == .derived {
            var changed = event("indicator.changed")
            changed.set("year", path[1])
            changed.set("indicator", path[2])
            changed.set("value", String(decoding: write.body, as: UTF8.self))
            changed.set("previous", previous.flatMap { $0.isTombstone ? nil : $0.version.text })
            events.append(changed)
        }
        if write.channel == .ttl {
            var expired = event("ttl.expired")
            expired.set("previous", previous?.version.text)
            events.append(expired)
        }
        if path[0] == "lock", path.count == 3 {
            var lock = event(write.body.isEmpty ? "lock.cleared" : "lock.set")
            lock.set("year", path[2])
            if write.body.isEmpty ? wasLive : !wasLive { events.append(lock) }
        }
        if path[0] == "agent", path[2] == "presence" {
            if !write.body.isEmpty && !wasLive {
                var online = event("agent.online")
                online.set("value", String(decoding: write.body, as: UTF8.self))
                online.set("peer", write.peer)
                events.append(online)
            } else if write.body.isEmpty && wasLive {
                events.append(event("agent.offline"))
            }
        }
        return events
    }
}
