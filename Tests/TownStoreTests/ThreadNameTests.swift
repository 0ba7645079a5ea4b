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
        #expect(Self.nameKept(by: "a-name-longer-than-fifteen-bytes") == "a-name-longer-t")
    }

    /// A name cut at 15 bytes is cut between characters (a cut inside one used to trap).
    @Test func longNamesAreCutBetweenCharacters() {
        #expect(ThreadName.fitted("三魁镇-townd-events") == "三魁镇-townd")
        #expect(ThreadName.fitted("三魁镇三魁镇") == "三魁镇三魁")
        #expect(ThreadName.fitted("townd") == "townd")
        #expect(Self.nameKept(by: "村村村村村村") == "村村村村村")
    }

    /// The name the kernel keeps for a new thread that names itself `name`.
    private static func nameKept(by name: String) -> String {
        let done = DispatchSemaphore(value: 0)
        let kept = Mutex("")
        Thread {
            ThreadName.setCurrent(name)
            kept.withLock { $0 = currentName() }
            done.signal()
        }.start()
        done.wait()
        return kept.withLock { $0 }
    }
}
