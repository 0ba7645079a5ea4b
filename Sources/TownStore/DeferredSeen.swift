/// The uuids whose seen record is only in a `history` row (its `fingerprint` column), not yet in
/// `seen_uuid` or `seen_block`, in the order of their rows.
///
/// A commit used to insert every new uuid into `seen_uuid`: a row a write (with values waiting in
/// their history rows, the largest cost of a commit; and a page at random a write for random
/// uuids). Now the history row keeps the uuid's fingerprint and the uuid waits here, in a
/// generation. Under load, once ``DeferredLimits/seenRun`` wait, the generation closes as a run:
/// sorted, and written by the commits that follow as blocks of uuids and their history rows
/// (`seen_block`, keyed by run and first uuid, so a run fills pages one after another); when the
/// store is idle, or stops with few waiting, the generation closes to be inserted into
/// `seen_uuid`, a few at a time. `meta.seen_through` names the row through which every seen uuid
/// is in a table; opening the store reads the rows after it back. A lookup asks this list first
/// (the closing generation stays until the commit that wrote its last uuids has committed), then
/// `seen_uuid`, then each live run's blocks (`seen_run` lists the runs). So that a lookup probes
/// few runs however long the store runs under load, runs of one size tier are merged into one
/// (``SeenMerge``), a share with each commit.
///
/// After a commit that failed the store reads the list again from the database.
struct DeferredSeen {
    /// Uuids in the order of their history rows, and where each is.
    struct Generation {
        var uuids: [WriteUUID] = []
        var rows: [Int64] = []
        var index: [WriteUUID: Int32] = [:]

        var count: Int { uuids.count }
        var firstRow: Int64? { rows.first }

        init(capacity: Int = 0) {
            uuids.reserveCapacity(capacity)
            rows.reserveCapacity(capacity)
            index.reserveCapacity(capacity)
        }

        func row(of uuid: WriteUUID) -> Int64? { index[uuid].map { rows[Int($0)] } }
    }

    /// A generation closed for writing out: its order of writing and how far it is written.
    struct Closing {
        var generation: Generation
        var target: SeenWriteOut.Target
        var order: [Int32]
        var taken = 0

        var isFullyTaken: Bool { taken == order.count }
    }

    private(set) var current: Generation
    private(set) var closing: Closing?
    /// The newest run number given (0: none), a run being written out included.
    private(set) var newestRun: Int64
    /// The runs a lookup probes, oldest first, with the entries each holds: whole runs, the
    /// retired ones (merged into another) until their blocks are deleted among them.
    private(set) var runs: [(run: Int64, entries: Int)]
    /// Runs merged into another, whose blocks are being deleted.
    private(set) var retired: Set<Int64>
    /// The merges under way, at most one a tier (taken out by the transaction that advances them).
    var merges: [SeenMerge] = []
    private let capacity: Int

    /// `capacity`: the generation size reserved for (a run's size).
    /// `runs`: the whole runs and the retired ones; `retired`: those of them whose blocks are to
    /// be deleted.
    init(newestRun: Int64 = 0, runs: [(run: Int64, entries: Int)] = [], retired: Set<Int64> = [], capacity: Int = 0) {
        self.newestRun = max(newestRun, runs.map(\.run).max() ?? 0)
        self.runs = runs.sorted { $0.run < $1.run }
        self.retired = retired
        self.capacity = capacity
        current = Generation(capacity: capacity)
    }

    var count: Int { current.count + (closing?.generation.count ?? 0) }
    var isEmpty: Bool { count == 0 }

    /// The history row holding `uuid`'s seen record, if it waits here.
    func row(of uuid: WriteUUID) -> Int64? {
        if let row = current.row(of: uuid) { return row }
        return closing?.generation.row(of: uuid)
    }

    /// A seen write whose only record is history row `row` (rows only grow). A uuid already in
    /// the current generation keeps its place.
    mutating func record(_ uuid: WriteUUID, row: Int64) {
        let position = Int32(current.uuids.count)
        if let earlier = current.index.updateValue(position, forKey: uuid) {
            current.index[uuid] = earlier
            return
        }
        current.uuids.append(uuid)
        current.rows.append(row)
    }

    /// Closes the current generation as a run (sorted as SQLite orders blobs) when nothing is
    /// closing and at least `size` wait; returns whether it did.
    mutating func startRunIfDue(size: Int) -> Bool {
        guard closing == nil, current.count >= max(size, 1) else { return false }
        let generation = current
        var order = Array(Int32(0)..<Int32(generation.count))
        order.sort { generation.uuids[Int($0)].bytesPrecede(generation.uuids[Int($1)]) }
        newestRun += 1
        closing = Closing(generation: generation, target: .run(newestRun), order: order)
        current = Generation(capacity: capacity)
        return true
    }

    /// Starts merging the `fanIn` oldest runs of each size tier that has as many (tiers: below
    /// `runSize` × `fanIn` entries, below `runSize` × `fanIn`², ...) and no merge under way; runs
    /// being written out or merged are left out. Returns how many merges it started.
    @discardableResult
    mutating func startMergesIfDue(fanIn: Int, runSize: Int) -> Int {
        guard fanIn > 1 else { return 0 }
        let busy = retired.union(merges.flatMap(\.runs))
        var tiers: [Int: [(run: Int64, entries: Int)]] = [:]
        for run in runs where !busy.contains(run.run) {
            tiers[Self.tier(of: run.entries, fanIn: fanIn, runSize: runSize), default: []].append(run)
        }
        var started = 0
        for tier in tiers.keys.sorted() where tiers[tier]!.count >= fanIn && !merges.contains(where: { $0.tier == tier }) {
            newestRun += 1
            merges.append(SeenMerge(output: newestRun, tier: tier, runs: Array(tiers[tier]!.prefix(fanIn))))
            started += 1
        }
        return started
    }

    /// A run's size tier: 0 below `runSize` × `fanIn` entries, 1 below `runSize` × `fanIn`², ...
    static func tier(of entries: Int, fanIn: Int, runSize: Int) -> Int {
        var tier = 0
        var bound = max(runSize, 1) * fanIn
        while entries >= bound, tier < 40 {
            tier += 1
            let (next, overflow) = bound.multipliedReportingOverflow(by: fanIn)
            bound = overflow ? .max : next
        }
        return tier
    }

    /// A run is whole (its last blocks committed): lookups probe it.
    mutating func runIsWhole(_ run: Int64, entries: Int) {
        guard !runs.contains(where: { $0.run == run }) else { return }
        runs.append((run, entries))
        runs.sort { $0.run < $1.run }
    }

    /// A merge's output is whole (committed): lookups probe it, and its inputs until their
    /// blocks are deleted; no merge takes them again.
    mutating func mergeIsWhole(_ merged: SeenMerge) {
        if merged.output > 0 { runIsWhole(merged.output, entries: merged.written) }
        retired.formUnion(merged.runs)
    }

    /// A merge's inputs are deleted (committed): lookups no longer probe them.
    mutating func inputsAreDeleted(_ merged: SeenMerge) {
        let inputs = Set(merged.runs)
        runs.removeAll { inputs.contains($0.run) }
        retired.subtract(inputs)
    }

    /// Closes the current generation to be inserted into `seen_uuid`, oldest first, when nothing
    /// is closing; returns whether it did.
    mutating func startTableFlush() -> Bool {
        guard closing == nil, current.count > 0 else { return false }
        closing = Closing(
            generation: current, target: .table, order: Array(Int32(0)..<Int32(current.count)))
        current = Generation(capacity: capacity)
        return true
    }

    /// The next `limit` uuids of the closing generation, with their rows, in its order.
    mutating func take(_ limit: Int) -> [(uuid: WriteUUID, row: Int64)] {
        guard var closing else { return [] }
        let end = min(closing.order.count, closing.taken + max(limit, 0))
        let taken = closing.order[closing.taken..<end].map { position in
            (closing.generation.uuids[Int(position)], closing.generation.rows[Int(position)])
        }
        closing.taken = end
        self.closing = closing
        return taken
    }

    /// The row of the oldest uuid that will still wait once what has been taken is written.
    var oldestRowAfterTaken: Int64? {
        if let closing, !closing.isFullyTaken { return closing.generation.firstRow }
        return current.firstRow
    }

    /// What was taken is written and committed: a closing generation fully written goes.
    mutating func finishTaken() {
        if closing?.isFullyTaken == true { closing = nil }
    }
}
