import Foundation
import Synchronization
import TownStore
import ZeroMQ

/// Commits the socket loop's batches on a thread of its own, in order, so the loop decides and
/// answers the next batch while the previous one is written and synced. Batches queued while a
/// commit runs go into the next transaction together (one fsync for all of them).
///
/// After a failed commit every later batch fails too, without touching the store (they were
/// decided on top of the failed one), until the loop has rolled back and calls ``resume()``.
/// Each finished commit sends an empty message to `wakeEndpoint` (an inproc PULL the loop polls).
final class Committer: Sendable {
    struct Result: Sendable {
        let ids: [UInt64]
        let error: StoreError?
    }

    private struct State {
        var queue: [(id: UInt64, batch: StoreBatch)] = []
        var results: [Result] = []
        var failure: StoreError?
        var stopping = false
    }

    private let store: Store
    private let context: ZMQContext
    private let wakeEndpoint: String
    private let state = Mutex(State())
    private let work = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(store: Store, context: ZMQContext, wakeEndpoint: String) {
        self.store = store
        self.context = context
        self.wakeEndpoint = wakeEndpoint
    }

    func start() {
        let thread = Thread { [self] in
            ThreadName.setCurrent("townd-commit")
            run()
        }
        thread.start()
    }

    /// Queues a batch for commit.
    func submit(id: UInt64, _ batch: StoreBatch) {
        state.withLock { $0.queue.append((id, batch)) }
        work.signal()
    }

    /// The commits finished since the last call, in order.
    func takeResults() -> [Result] {
        state.withLock { state in
            defer { state.results = [] }
            return state.results
        }
    }

    /// After a failure has been rolled back: drops what is still queued (all of it was rolled back
    /// too) and accepts batches again.
    func resume() {
        state.withLock { state in
            state.queue = []
            state.failure = nil
        }
    }

    /// Finishes what is queued, then ends the thread (returns once it has).
    func stop() {
        state.withLock { $0.stopping = true }
        work.signal()
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        // Without this socket the loop still finds the results (it looks every turn), only later.
        let wake = try? context.socket(.push)
        if let wake { try? wake.connect(wakeEndpoint) }
        while true {
            // Idle: the values and seen uuids waiting in the history go to their tables a few at
            // a time (each its own short transaction), and a merge of seen runs takes a step,
            // until a batch comes or nothing is left to do.
            while work.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                // Nothing written (none waits, or the store failed: the next commit reports that).
                let values = (try? store.writeDeferredValues(limit: 256)) ?? 0
                let seen = (try? store.writeDeferredSeen(limit: 256, advancingMerges: true)) ?? 0
                guard values + seen > 0 else {
                    work.wait()
                    break
                }
            }
            while let (items, failure) = takeQueued() {
                var error = failure
                if error == nil {
                    do {
                        try store.commit(items.map(\.batch))
                    } catch let failed {
                        error = failed
                    }
                }
                state.withLock { state in
                    state.results.append(Result(ids: items.map(\.id), error: error))
                    // A batch refused for an earlier failure does not set it again: the loop may
                    // have rolled back and resumed since.
                    if failure == nil, error != nil { state.failure = error }
                }
                _ = try? wake?.send([[]], mode: .dontWait)
                // After the results are out, so no acknowledgement waits for it.
                store.finishWALCycleIfDue()
            }
            if state.withLock({ $0.stopping }) { return }
        }
    }

    /// Everything queued (nil when nothing is) and the failure in force.
    private func takeQueued() -> ([(id: UInt64, batch: StoreBatch)], StoreError?)? {
        state.withLock { state in
            guard !state.queue.isEmpty else { return nil }
            defer { state.queue = [] }
            return (state.queue, state.failure)
        }
    }
}
