/// The live locks (`/lock/<vid>/<year>` holding a value), by village and year: every write to a
/// village figure asks whether its year is locked, and building the lock's key and looking it up
/// for each one cost two allocations and two hash lookups on the socket thread.
struct LiveLocks: Sendable, Equatable {
    struct VillageYearText: Hashable, Sendable {
        let village: Substring
        let year: Substring
    }

    private var locked: Set<VillageYearText> = []

    /// The village and year a lock key names; nil for any other key.
    static func parse(lockKey key: String) -> VillageYearText? {
        guard key.utf8.starts(with: "/lock/".utf8) else { return nil }
        let rest = key.dropFirst(6)
        // Exactly `/lock/<village>/<year>`, neither part holding a slash (as the access check
        // builds the key from a figure's path).
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let year = rest[rest.index(after: slash)...]
        guard !year.contains("/") else { return nil }
        return VillageYearText(village: rest[..<slash], year: year)
    }

    /// Follows a key's new value (nil: removed): a lock key counts while its value is live.
    mutating func update(key: String, live: Bool) {
        guard let lock = Self.parse(lockKey: key) else { return }
        if live { locked.insert(lock) } else { locked.remove(lock) }
    }

    func contains(_ lock: VillageYearText) -> Bool { locked.contains(lock) }

    var count: Int { locked.count }

    var isEmpty: Bool { locked.isEmpty }
}
