import TownStore

/// One key a batch changed: its latest value in the batch, and the value it had before the batch
/// (what a rollback puts back, and what installing the batch replaces, so that needs no lookup).
struct BatchChange {
    var value: StoredValue
    let before: StoredValue?
    /// Where `before` is in the engine's value table (nil: the key is new to it), so installing
    /// the change needs no probe of the table's index.
    let position: Int?
}
