extension WriteEngine {
    /// When the next ttl runs out (daemon physical ms), if any key has one.
    public var nextExpiryMilliseconds: UInt64? { expiries.values.min() }

    /// Turns every value whose ttl has run out into a tombstone stamped by the daemon, published
    /// like any change.
    public func expireDue() -> EngineOutput {
        let now = physical.nowMilliseconds()
        let due = expiries.filter { $0.value <= now }.map(\.key).sorted()
        guard !due.isEmpty else { return EngineOutput() }
        // Taken off the schedule first, so a write refused for any reason is not retried in a loop;
        // a restart reloads what is still due from the store.
        for key in due { expiries[key] = nil }
        return handle(due.map { IncomingWrite(key: $0, body: [], principal: .daemon, channel: .ttl) })
    }
}
