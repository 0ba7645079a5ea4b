import Foundation
import GRDB
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
    /// WAL frames after which the cycle is finished.
    let cycleFrames: Int

    init(path: String, interval: Duration = .milliseconds(100), cycleFrames: Int) {
        self.path = path
        self.cycleFrames = cycleFrames
        self.interval = interval
    }

    func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let thread = Thread { [self] in run() }
        thread.name = "townd-checkpoint"
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

    private func run() {
        defer { finished.signal() }
        var configuration = Configuration()
        configuration.label = "townd-checkpoint"
        configuration.busyMode = .timeout(1)
        let queue = try? DatabaseQueue(path: path, configuration: configuration)
        let nanoseconds = interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000
        while !stopping.load(ordering: .acquiring) {
            _ = wakeUp.wait(timeout: .now() + .nanoseconds(Int(nanoseconds)))
            if stopping.load(ordering: .acquiring) { break }
            // A failed checkpoint is harmless: the next one (or SQLite's own) copies the pages.
            let copied = try? queue?.writeWithoutTransaction { try $0.checkpoint(.passive) }
            if let copied, copied.walFrameCount >= cycleFrames, copied.checkpointedFrameCount == copied.walFrameCount {
                cycleDue.store(true, ordering: .releasing)
            }
        }
    }
}
