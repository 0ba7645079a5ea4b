/// The keys whose newest state is in the `history` table but not yet in `kv` (their value's row,
/// or their history head in `kv`/`history_head`), oldest first.
///
/// Every applied write already makes a history row that holds its whole value, so a commit need not
/// also rewrite the value's `kv` row (a page at random for every write: the largest single cost of
/// a commit). The store writes the keys that have waited longest into `kv` (``DeferredLimits``)
/// and keeps in `meta` the row through which `kv` holds everything (``kvThrough``); opening the
/// store reads the history rows after it back into this list.
///
/// After a commit that failed, the store reads the list again from the database (no undo).
struct DeferredValues {
    struct Entry {
        /// The key's first history row not yet reflected in `kv` (or earlier: never later). Keys
        /// join in the order of this row (a commit's keys all take its first row).
        var firstRow: Int64
        /// The key's newest history row.
        var head: Int64
        /// The key's newest value, when `kv` does not hold it yet.
        var value: StoredValue?
        /// Which of the key's places in the order is its own.
        var ticket: Int
    }

    private(set) var entries: [String: Entry] = [:]
    /// Keys in the order they joined (so by `firstRow`); a key written out since, or written out
    /// and deferred again, stays here until it reaches the front (skipped: its ticket differs).
    private var order: [(key: String, ticket: Int)] = []
    private var orderStart = 0
    private var nextTicket = 0
    /// The newest history row written (0 before the first).
    private(set) var newestRow: Int64 = 0
    /// Keys owed to `kv` by the pace of writing out (``DeferredLimits/pacedShare(of:rows:)``), a
    /// fraction carried from commit to commit.
    var pacingCredit = 0.0

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    subscript(key: String) -> Entry? { entries[key] }

    /// The key's newest history row, if it waits. Read in place: the subscript's getter copies the
    /// whole entry, its value's strings and arrays retained and released again (with `record`'s
    /// reads, a tenth of the commit thread's samples).
    mutating func head(of key: String) -> Int64? {
        guard let index = entries.index(forKey: key) else { return nil }
        return Self.head(of: &entries.values[index])
    }

    private static func head(of entry: inout Entry) -> Int64 { entry.head }

    /// The first history row of the oldest key still waiting (nil when none is).
    var oldestRow: Int64? {
        var index = orderStart
        while index < order.count {
            let (key, ticket) = order[index]
            if let entry = entries[key], entry.ticket == ticket { return entry.firstRow }
            index += 1
        }
        return nil
    }

    /// The history row through which `kv` holds every key's newest state (the `kv_through` kept
    /// in `meta`): the row before the oldest key's first, else the newest row.
    var kvThrough: Int64 { oldestRow.map { $0 - 1 } ?? newestRow }

    /// A history row has been written (rows only grow).
    mutating func noteRow(_ row: Int64) { newestRow = max(newestRow, row) }

    /// The oldest keys, oldest first: at least `limit` (when as many wait), and every key whose
    /// first row is below `row`.
    func oldest(_ limit: Int, orBelow row: Int64 = .min) -> [(key: String, entry: Entry)] {
        var found: [(key: String, entry: Entry)] = []
        found.reserveCapacity(min(limit, entries.count))
        var index = orderStart
        while index < order.count {
            let (key, ticket) = order[index]
            index += 1
            guard let entry = entries[key], entry.ticket == ticket else { continue }
            guard found.count < limit || entry.firstRow < row else { break }
            found.append((key, entry))
        }
        return found
    }

    /// A history row of `key` not yet in `kv`: `head` is its id, `value` the value it made (nil
    /// keeps the value waiting, if any). A key already waiting keeps its place and first row; a
    /// key that joins must not have a `firstRow` below that of any key waiting.
    mutating func record(key: String, firstRow: Int64, head: Int64, value: StoredValue?) {
        if let index = entries.index(forKey: key) {
            Self.update(&entries.values[index], head: head, value: value)
        } else {
            entries[key] = Entry(firstRow: firstRow, head: head, value: value, ticket: nextTicket)
            order.append((key, nextTicket))
            nextTicket += 1
        }
    }

    /// Changes a waiting entry in place (no copy of it).
    private static func update(_ entry: inout Entry, head: Int64, value: StoredValue?) {
        entry.head = max(entry.head, head)
        if let value { entry.value = value }
    }

    /// The keys' values `kv` does not hold yet.
    var waitingValues: [String: StoredValue] {
        var values: [String: StoredValue] = [:]
        values.reserveCapacity(entries.count)
        for (key, entry) in entries { if let value = entry.value { values[key] = value } }
        return values
    }

    /// `kv` already holds the key's value: only its history head waits.
    mutating func dropValue(of key: String) {
        guard let index = entries.index(forKey: key) else { return }
        entries.values[index].value = nil
    }

    /// `key` is written out to `kv` (or no longer waits for another reason).
    mutating func remove(_ key: String) {
        guard entries.removeValue(forKey: key) != nil else { return }
        while orderStart < order.count, entries[order[orderStart].key]?.ticket != order[orderStart].ticket {
            orderStart += 1
        }
        // Let go of what is behind the front once it is half of the order.
        if orderStart == order.count {
            order.removeAll(keepingCapacity: true)
            orderStart = 0
        } else if orderStart > 1024, orderStart * 2 > order.count {
            order.removeSubrange(..<orderStart)
            orderStart = 0
        }
    }
}
