import TownStore

/// The daemon's values as a batch sees them: the engine's values (batches committed or still being
/// committed) plus this batch's own changes.
struct BatchView: KeyLookup {
    let base: ValueTable
    var overlay: [String: StoredValue] = [:]

    func current(_ key: String) -> StoredValue? { overlay[key] ?? base[key] }
}
