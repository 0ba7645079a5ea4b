/// How fast the values waiting in `history` (``DeferredValues``) are written to `kv`.
public struct DeferredLimits: Sendable, Equatable {
    /// Waiting keys written to `kv` by every commit, oldest first.
    public var perCommit: Int
    /// Waiting keys allowed before a commit writes out everything over this many.
    public var waiting: Int

    /// 32 keys a commit; at most 50,000 waiting (about 15 MB of values held twice, and a start
    /// after a crash reads back the history rows since the oldest one).
    public init(perCommit: Int = 32, waiting: Int = 50_000) {
        self.perCommit = max(0, perCommit)
        self.waiting = max(0, waiting)
    }

    /// Every value written to `kv` by the commit that makes it.
    public static let none = DeferredLimits(perCommit: Int.max, waiting: 0)
}
