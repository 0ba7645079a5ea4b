import CSQLiteSetup

/// SQLite settings of the whole process, applied by `CSQLiteSetup` as the program loads.
public enum SQLiteProcessSettings {
    /// Whether SQLite keeps no memory statistics in this process, so its allocations take no
    /// process-wide mutex (with them on, the commit thread and the socket loop's uuid lookups
    /// waited for each other in the kernel on every allocation: 14,000 and 16,500 `futex` calls a
    /// second at 39,000 writes/s).
    public static var memoryStatisticsOff: Bool { townsync_sqlite_memory_statistics_result() == 0 }
}
