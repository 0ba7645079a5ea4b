/// How long values may wait in `history` (``DeferredValues``) before they are written to `kv`,
/// and how seen uuids waiting in `history` (``DeferredSeen``) are written out in runs.
///
/// Under load every commit writes out the keys that have waited longest: as many as needed to stay
/// within both limits, a share paced so that each key is written within half of `rowsBehind`
/// rows, and at least `perCommit`; an idle townd writes out the rest. A start after a crash reads
/// back the history rows written since the oldest waiting key's first (at most about `rowsBehind`
/// of them).
public struct DeferredLimits: Sendable, Equatable {
    /// Waiting keys written to `kv` by every commit in any case, oldest first.
    public var perCommit: Int
    /// Waiting keys allowed (each holds its value in memory until it is written).
    public var waiting: Int
    /// How far a waiting key's first history row may fall behind the newest row.
    public var rowsBehind: Int64
    /// Waiting seen uuids that start a run in `seen_block` (sorted, then appended with the commits
    /// that follow: each writes twice as many of the run as it adds new uuids, and at least
    /// ``seenRunChunk``).
    public var seenRun: Int
    /// The fewest uuids of an open run a commit writes.
    public var seenRunChunk: Int
    /// Runs of one size tier merged into one (``SeenMerge``): a lookup probes at most about this
    /// many runs a tier.
    public var seenMergeFanIn: Int

    /// By default at most 50,000 keys wait (about 15 MB of values kept twice), each about 524,288
    /// history rows and never more than 1,048,576 (a start after a crash under a steady full load
    /// read back about 525,000 rows in 0.51–0.67 s; 262,144 rows cost 10% of the writes a second in
    /// alternating runs: BENCHMARKS.md). Seen uuids start a run at 65,536 (a run of them sorted
    /// fills about 400 pages one after another; at most about one and a half runs wait, some
    /// 6 MB, and a start after a crash reads back their rows' uuids).
    public init(
        perCommit: Int = 0, waiting: Int = 50_000, rowsBehind: Int64 = 1_048_576, seenRun: Int = 65_536,
        seenRunChunk: Int = 512, seenMergeFanIn: Int = 8
    ) {
        self.perCommit = max(0, perCommit)
        self.waiting = max(0, waiting)
        self.rowsBehind = max(0, rowsBehind)
        self.seenRun = max(1, seenRun)
        self.seenRunChunk = max(1, seenRunChunk)
        self.seenMergeFanIn = max(2, seenMergeFanIn)
    }

    /// How many uuids of an open run a commit that adds `added` new ones writes.
    func seenRunShare(added: Int) -> Int { max(seenRunChunk, 2 * added) }

    /// How many entries a commit that adds `added` new uuids merges (or blocks' worth it deletes):
    /// four times as many, so that merges of every tier keep up with the runs the load makes.
    func seenMergeShare(added: Int) -> Int { max(4 * seenRunChunk, 4 * added) }

    /// The share of `waiting` keys a commit of `rows` history rows writes out so that, at that
    /// pace, each is written within half of `rowsBehind` rows (the limit itself is then rarely
    /// reached, and never by many keys at once): a fraction of a key, carried to the next commit.
    func pacedShare(of waiting: Int, rows: Int) -> Double {
        guard waiting > 0, rows > 0 else { return 0 }
        return Double(waiting) * Double(rows) / Double(max(1, rowsBehind / 2))
    }
}
