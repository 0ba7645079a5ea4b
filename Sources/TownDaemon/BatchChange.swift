import TownStore

/// One key a batch changed: its latest value in the batch, and the value it had before the batch
/// (what a rollback puts back, and what installing the batch replaces, so that needs no lookup).
struct BatchChange {
    var value: StoredValue
    let before: StoredValue?
}
