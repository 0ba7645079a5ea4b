import TownStore

/// The daemon's values as a batch sees them: the engine's values (batches committed or still being
/// committed) plus this batch's own changes.
struct BatchView: KeyLookup {
    let base: ValueTable
    /// The keys this batch changed, in the order they were first changed.
    private(set) var changes: [BatchChange] = []
    /// Where each changed key is in `changes`.
    private var changeIndex: [String: Int] = [:]
    /// The live locks among the engine's values, and the lock keys this batch changed.
    var baseLocks = LiveLocks()
    var overlayLocks: [LiveLocks.VillageYearText: Bool] = [:]

    init(base: ValueTable, baseLocks: LiveLocks = LiveLocks()) {
        self.base = base
        self.baseLocks = baseLocks
    }

    mutating func reserveCapacity(_ changes: Int) {
        self.changes.reserveCapacity(changes)
        changeIndex.reserveCapacity(changes)
    }

    func current(_ key: String) -> StoredValue? {
        if let index = changeIndex[key] { return changes[index].value }
        return base[key]
    }

    /// ``current(_:)`` and, when the value comes from the engine's table, its position there.
    func currentAndPosition(_ key: String) -> (value: StoredValue?, position: Int?) {
        if let index = changeIndex[key] { return (changes[index].value, changes[index].position) }
        guard let found = base.valueAndPosition(key) else { return (nil, nil) }
        return (found.value, found.position)
    }

    func isLocked(village: Substring, year: Substring) -> Bool {
        // Most batches change no lock, and most days nothing is locked: no hashing then.
        guard !overlayLocks.isEmpty || !baseLocks.isEmpty else { return false }
        let lock = LiveLocks.VillageYearText(village: village, year: year)
        return overlayLocks[lock] ?? baseLocks.contains(lock)
    }

    /// Sets a key's value for the rest of the batch; `before` is its value as ``current(_:)`` gave
    /// it and `position` where the engine's table holds it (both kept when the batch changes the
    /// key for the first time).
    mutating func set(_ value: StoredValue, replacing before: StoredValue?, at position: Int? = nil) {
        if let lock = LiveLocks.parse(lockKey: value.key) { overlayLocks[lock] = !value.isTombstone }
        let next = changes.count
        // One hash lookup: the default is inserted when the key is new to the batch.
        let index = Self.take(&changeIndex[value.key, default: next])
        if index == next {
            changes.append(BatchChange(value: value, before: before, position: position))
        } else {
            changes[index].value = value
        }
    }

    private static func take(_ slot: inout Int) -> Int { slot }
}
