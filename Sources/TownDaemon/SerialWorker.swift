import Foundation
import Synchronization
import TownStore

/// A thread of its own, named, that runs the work handed to it one item at a time in the order
/// given: a serial queue whose thread `top -H` and the bench can tell apart (a dispatch queue's
/// work runs on whichever pool thread is free, under the pool's name). The thread ends once the
/// worker is released and the work before that is done.
final class SerialWorker: Sendable {
    private final class Shared: Sendable {
        let items = Mutex<(work: [@Sendable () -> Void], stopping: Bool)>(([], false))
        let wake = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()

    init(name: String) {
        let shared = self.shared
        Thread {
            ThreadName.setCurrent(name)
            Self.run(shared)
        }.start()
    }

    deinit {
        shared.items.withLock { $0.stopping = true }
        shared.wake.signal()
    }

    /// Runs `work` on the worker's thread after everything handed over before it.
    func async(_ work: @escaping @Sendable () -> Void) {
        shared.items.withLock { $0.work.append(work) }
        shared.wake.signal()
    }

    /// Waits until everything handed over before this call has run.
    func sync() {
        let done = DispatchSemaphore(value: 0)
        async { done.signal() }
        done.wait()
    }

    private static func run(_ shared: Shared) {
        while true {
            shared.wake.wait()
            let (work, stopping) = shared.items.withLock { items in
                let taken = items.work
                items.work = []
                return (taken, items.stopping)
            }
            for item in work { item() }
            if stopping && shared.items.withLock({ $0.work.isEmpty }) { return }
        }
    }
}
