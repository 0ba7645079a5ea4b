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

    /// The `seen_through` to keep once these are written and `firstNew` (the first row holding a
    /// new seen uuid in the same transaction, if any) has joined: the row before the oldest still
    /// waiting, else `newestRow`.
    func seenThrough(firstNew: Int64?, newestRow: Int64) -> Int64 {
        let oldest = [oldestRemaining, firstNew].compactMap { $0 }.min()
        return oldest.map { $0 - 1 } ?? newestRow
    }
}
