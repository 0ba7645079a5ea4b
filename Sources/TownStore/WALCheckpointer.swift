import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Copies the write-ahead log back into the database on a thread of its own, with a connection
/// of its own, so commits never wait for it. Left to SQLite, the connection that commits runs a
/// checkpoint every 1,000 pages, and the commit that triggers it (with every write waiting on it)
/// stalls for the copy and its fsync: the tail of the ack latency under load.
///
/// Checkpoints are PASSIVE (they never block writers or readers); SQLite's own automatic
/// checkpoint stays on at a larger size as a safety net should this thread fall behind.
final class WALCheckpointer: Sendable {
    private let path: String
    private let interval: Duration
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// Signalled by `stop()`, so the thread does not sleep out its interval first.
    private let wakeUp = DispatchSemaphore(value: 0)
    private let running = Atomic<Bool>(false)
    /// Set when a checkpoint copied the whole WAL and the WAL is long enough to start over: the
    /// writer may now finish the cycle cheaply (see ``Store/finishWALCycleIfDue()``).
    let cycleDue = Atomic<Bool>(false)
    /// Database syncs after checkpoints that copied pages (see ``syncDatabaseFile(_:)``).
    let databaseSyncs = Atomic<Int>(0)
    /// WAL frames after which the cycle is finished.
    let cycleFrames: Int

    init(path: String, interval: Duration = .milliseconds(100), cycleFrames: Int) {
        self.path = path
        self.cycleFrames = cycleFrames
        self.interval = interval
    }

    func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in
            ThreadName.setCurrent("townd-wal")
            run()
        }
        thread.start()
    }

    /// Ends the thread (returns once it has).
    func stop() {
        guard running.load(ordering: .acquiring) else { return }
        stopping.store(true, ordering: .releasing)
        wakeUp.signal()
        finished.wait()
        running.store(false, ordering: .releasing)
    }

    /// Syncs the database file itself. A PASSIVE checkpoint leaves the pages it wrote dirty in the
    /// page cache unless it copied the whole WAL, frames committed during the copy included
    /// (SQLite syncs the database only then, right before the WAL may start over), so the sync that
    /// finishes a cycle had to write every page copied since the last cycle: 13 ms at 27 MB,
    /// growing to 72 ms at 160 MB in a 30 s half-load run (`perf trace -e fdatasync`), with every
    /// commit waiting behind it. Synced here, after each copy, off the commit path.
    private static func syncDatabaseFile(_ db: Database) -> Bool {
        var file: UnsafeMutablePointer<sqlite3_file>?
        guard sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_FILE_POINTER, &file) == SQLITE_OK,
            let file, let sync = file.pointee.pMethods?.pointee.xSync
        else { return false }
        // A failed sync is harmless here: the checkpoint that finishes the cycle syncs again.
        return sync(file, SQLITE_SYNC_NORMAL) == SQLITE_OK
    }

    private func run() {
        defer { finished.signal() }
        var configuration = Configuration()
        configuration.label = "townd-checkpoint"
        configuration.busyMode = .timeout(1)
        // A checkpoint that copied the whole WAL syncs the database before the WAL may start over.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try? DatabaseQueue(path: path, configuration: configuration)
        let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        // Frames copied by the previous checkpoint (SQLite counts from the WAL's start).
        var lastCopied = 0
        while !stopping.load(ordering: .acquiring) {
            _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
            if stopping.load(ordering: .acquiring) { break }
            // A failed checkpoint is harmless: the next one (or SQLite's own) copies the pages.
            let copied = try? queue?.writeWithoutTransaction { db in
                let copied = try db.checkpoint(.passive)
                // Synced whenever pages were copied: SQLite's own sync comes only when no frame was
                // committed while it copied, which under load is almost never (a sync with nothing
                // left to write costs a system call).
                let progressed = copied.checkpointedFrameCount > 0 && copied.checkpointedFrameCount != lastCopied
                if progressed, Self.syncDatabaseFile(db) {
                    databaseSyncs.add(1, ordering: .relaxed)
                }
                return copied
            }
            lastCopied = copied?.checkpointedFrameCount ?? lastCopied
            if let copied, copied.walFrameCount >= cycleFrames, copied.checkpointedFrameCount == copied.walFrameCount {
                cycleDue.store(true, ordering: .releasing)
            }
        }
    }
}
