import TownStore

/// The daemon's values as a batch sees them: committed values plus this batch's own changes.
struct BatchView: KeyLookup {
    let base: ValueTable
    var overlay: [String: StoredValue] = [:]

    func current(_ key: String) -> StoredValue? { overlay[key] ?? base[key] }
}
