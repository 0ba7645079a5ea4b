import TownStore

/// Read access to the daemon's current values (including writes earlier in the same batch).
public protocol KeyLookup {
    func current(_ key: String) -> StoredValue?
    /// Whether `/lock/<village>/<year>` holds a live value.
    func isLocked(village: Substring, year: Substring) -> Bool
}

extension KeyLookup {
    /// The live text of a key; nil when absent or deleted.
    public func liveText(_ key: String) -> String? {
        guard let value = current(key), !value.isTombstone else { return nil }
        return value.version.text
    }

    public func isLocked(village: Substring, year: Substring) -> Bool {
        liveText("/lock/\(village)/\(year)") != nil
    }
}
