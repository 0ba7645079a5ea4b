import TownStore

/// The daemon's values as a batch sees them: the engine's values (batches committed or still being
/// committed) plus this batch's own changes.
struct BatchView: KeyLookup {
    let base: ValueTable
    var overlay: [String: StoredValue] = [:]
    /// The live locks among the engine's values, and the lock keys this batch changed.
    var baseLocks = LiveLocks()
    var overlayLocks: [LiveLocks.VillageYearText: Bool] = [:]

    func current(_ key: String) -> StoredValue? { overlay[key] ?? base[key] }

    func isLocked(village: Substring, year: Substring) -> Bool {
        // Most batches change no lock, and most days nothing is locked: no hashing then.
        guard !overlayLocks.isEmpty || !baseLocks.isEmpty else { return false }
        let lock = LiveLocks.VillageYearText(village: village, year: year)
        return overlayLocks[lock] ?? baseLocks.contains(lock)
    }

    /// Sets a key's value for the rest of the batch; true when the batch had not changed the key before.
    mutating func set(_ value: StoredValue) -> Bool {
        if let lock = LiveLocks.parse(lockKey: value.key) { overlayLocks[lock] = !value.isTombstone }
        return overlay.updateValue(value, forKey: value.key) == nil
    }
}
