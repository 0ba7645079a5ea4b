/// A key with outcomes in a commit: its newest row, its last `applied` outcome's sequence, the
/// value that outcome set (once the commit's values are matched to it), and whether a value
/// made by no outcome went to `kv` at once (with the newest row) after it.
struct TouchedKey {
    var head: Int64
    var appliedSequence: UInt64?
    var value: StoredValue?
    var isWritten = false
}
