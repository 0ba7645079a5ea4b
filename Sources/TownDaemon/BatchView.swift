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
        let lock = LiveLocks.VillageYearText(village: village, year: year)
        return overlayLocks[lock] ?? baseLocks.contains(lock)
    }

    /// Sets a key's value for the rest of the batch.
    mutating func set(_ value: StoredValue) {
        overlay[value.key] = value
        if let lock = LiveLocks.parse(lockKey: value.key) { overlayLocks[lock] = !value.isTombstone }
    }
}
