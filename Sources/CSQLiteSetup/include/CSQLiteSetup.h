#ifndef TOWNSYNC_CSQLITESETUP_H
#define TOWNSYNC_CSQLITESETUP_H

/// SQLite's memory statistics are turned off for the whole process as it loads, before any
/// connection can be opened (SQLITE_CONFIG_MEMSTATUS = 0, which SQLite accepts only before it is
/// first initialized). With the statistics on, every sqlite3_malloc and sqlite3_free of every
/// connection takes one process-wide mutex, and connections used on different threads at once
/// (townd's commit thread, its socket loop's uuid lookups, the WAL checkpoint thread) wait for
/// each other in the kernel.
///
/// Returns what sqlite3_config answered at load: SQLITE_OK (0) when the statistics are off.
int townsync_sqlite_memory_statistics_result(void);

#endif
