import Foundation
import Synchronization
import Testing
@testable import TownStore

/// A thread that names itself first thing is named, however soon it runs (Foundation's
/// `Thread.name` setter drops the name when the thread runs before `start()` has stored its
/// handle).
@Suite struct ThreadNameTests {
    /// The calling thread's name as the kernel reports it.
    static func currentName() -> String {
        let text = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func threadsThatNameThemselvesAtOnceAreNamed() {
        let names = Mutex<[String]>([])
        let done = DispatchGroup()
        for index in 0..<200 {
            done.enter()
            Thread {
                ThreadName.setCurrent("named-\(index)")
                let name = Self.currentName()
                names.withLock { $0.append(name == "named-\(index)" ? "ok" : "'\(name)' for \(index)") }
                done.leave()
            }.start()
        }
        done.wait()
        let wrong = names.withLock { $0.filter { $0 != "ok" } }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        #expect(names.withLock { $0.count } == 200)
    }

    @Test func longNamesAreCutToTheKernelsLimit() {
        let done = DispatchSemaphore(value: 0)
        let name = Mutex("")
        Thread {
            ThreadName.setCurrent("a-name-longer-than-fifteen-bytes")
            name.withLock { $0 = Self.currentName() }
            done.signal()
        }.start()
        done.wait()
        #expect(name.withLock { $0 } == "a-name-longer-t")
    }

    /// A name cut at 15 bytes is cut between characters (a cut inside one used to trap).
    @Test func longNamesAreCutBetweenCharacters() {
        #expect(ThreadName.fitted("三魁镇-townd-events") == "三魁镇-townd")
        #expect(ThreadName.fitted("三魁镇三魁镇") == "三魁镇三魁")
        #expect(ThreadName.fitted("townd") == "townd")
        let done = DispatchSemaphore(value: 0)
        let name = Mutex("")
        Thread {
            ThreadName.setCurrent("村村村村村村")
            name.withLock { $0 = Self.currentName() }
            done.signal()
        }.start()
        done.wait()
        #expect(name.withLock { $0 } == "村村村村村")
    }
}
