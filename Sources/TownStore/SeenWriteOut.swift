/// The waiting seen uuids (``DeferredSeen``) one transaction writes out, and where to.
struct SeenWriteOut {
    enum Target: Equatable {
        /// Appended to `seen_block` under this run number, in the run's order.
        case run(Int64)
        /// Inserted into `seen_uuid` (a few at a time, when the store is idle or stops).
        case table
    }

    var target: Target
    /// Each uuid with the history row that holds its seen record.
    var rows: [(uuid: WriteUUID, row: Int64)]
    /// The row of the oldest waiting uuid that still waits once these are written (nil: none).
    var oldestRemaining: Int64?
    /// A run these begin (its catalog row goes with them, `writing`), with the entries it will hold.
    var startsRun: (run: Int64, entries: Int)?
    /// A run these finish (whole once they are committed).
    var finishesRun: (run: Int64, entries: Int)?
    /// The merges under way, advanced by `mergeBudget` entries in all (a block deleted counts as
    /// a block's entries), the smallest tier first.
    var merges: [SeenMerge] = []
    var mergeBudget = 0

    /// The `seen_through` to keep once these are written and `firstNew` (the first row holding a
    /// new seen uuid in the same transaction, if any) has joined: the row before the oldest still
    /// waiting, else `newestRow`.
    func seenThrough(firstNew: Int64?, newestRow: Int64) -> Int64 {
        let oldest = [oldestRemaining, firstNew].compactMap { $0 }.min()
        return oldest.map { $0 - 1 } ?? newestRow
    }
}
