/// SQLite's `synchronous` setting for the daemon's database.
public enum SynchronousMode: String, Sendable, CaseIterable {
    /// fsync at every commit and WAL checkpoint: an acknowledged write survives power loss.
    case full
    /// Survives a crash of the daemon, but the last commits may be lost on power loss.
    case normal
    /// No fsync at all (tests and benchmarks of the ceiling only).
    case off
}
