import Foundation
import Synchronization
import Testing

@testable import TownDaemon

/// The event log's thread runs what it is handed in order, on a thread with its name, and
/// finishes what it was handed before it is released.
@Suite struct SerialWorkerTests {
    @Test func workRunsInOrderOnTheNamedThread() {
        let worker = SerialWorker(name: "test-worker")
        let seen = Mutex<[Int]>([])
        let names = Mutex<Set<String>>([])
        for index in 0..<10_000 {
            worker.async {
                seen.withLock { $0.append(index) }
                if index % 1_000 == 0 {
                    let name = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                    names.withLock { _ = $0.insert(name.trimmingCharacters(in: .whitespacesAndNewlines)) }
                }
            }
        }
        worker.sync()
        #expect(seen.withLock { $0 } == Array(0..<10_000))
        #expect(names.withLock { $0 } == ["test-worker"])
    }

    @Test func workHandedOverBeforeTheReleaseStillRuns() {
        let done = DispatchSemaphore(value: 0)
        let ran = Atomic<Int>(0)
        do {
            let worker = SerialWorker(name: "test-release")
            for _ in 0..<100 {
                worker.async {
                    usleep(100)
                    ran.add(1, ordering: .relaxed)
                }
            }
            worker.async { done.signal() }
        }
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(ran.load(ordering: .relaxed) == 100)
    }
}
