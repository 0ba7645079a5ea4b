import ArgumentParser
import Foundation
import Synchronization
import TownAdmin
import ZeroMQ

/// Set by SIGINT/SIGTERM to end a follow.
let stopFollowing = Atomic<Bool>(false)

struct EventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract: "Show events: live from townd's events socket, or from the event log with --file.",
        discussion: """
            From the socket, events are live: townctl prints them until Ctrl-C (or --count / --seconds). \
            From a file, it prints what is there and, with --follow, keeps printing as the log grows, \
            across rotations (like tail -F).
            Examples:
              townctl events --kind submit.rejected
              townctl events --file /var/lib/townd/events.jsonl --village luli --since 2h
              townctl events --file /var/lib/townd/events.jsonl --follow --json | jq .
            """)
    @OptionGroup var options: TownctlOptions
    @Flag(help: "Keep following the log file as it grows.") var follow = false
    @Option(help: "Only this village's events (id, e.g. luli).") var village: String?
    @Option(help: "Only kinds starting with this (e.g. submit. or lock).") var kind: String?
    @Option(help: "Only events since: RFC 3339, YYYY-MM-DD[ HH:MM], or 30m / 2h / 1d ago.") var since: String?
    @Flag(help: "Print the raw JSON lines (for jq).") var json = false
    @Option(help: "Read this event log file instead of the socket.") var file: String?
    @Option(help: "Stop after this many events.") var count: Int?
    @Option(help: "Stop after this many seconds.") var seconds: Double?

    func run() throws {
        try runReportingErrors {
            var filter = EventFilter(village: village, kindPrefix: kind)
            if let since {
                guard let date = LocalTimestamp.since(since) else { throw AdminError.input("--since '\(since)' is not a time") }
                filter.since = date
            }
            signal(SIGINT) { _ in stopFollowing.store(true, ordering: .relaxed) }
            signal(SIGTERM) { _ in stopFollowing.store(true, ordering: .relaxed) }
            let formatter = EventFormatter(terminal: options.terminal)
            let deadline = seconds.map { Date().addingTimeInterval($0) }
            var shown = 0
            func done() -> Bool {
                stopFollowing.load(ordering: .relaxed) || (count.map { shown >= $0 } ?? false)
                    || (deadline.map { Date() >= $0 } ?? false)
            }
            func show(_ line: [UInt8]) {
                guard let object = EventFilter.parse(line), filter.accepts(object), !done() else { return }
                print(json ? String(decoding: line, as: UTF8.self) : formatter.line(object))
                fflush(nil)
                shown += 1
            }
            if let file {
                let follower = try LogFollower(path: file)
                for line in try follower.readLines() { show(line) }
                while follow && !done() {
                    Thread.sleep(forTimeInterval: 0.2)
                    for line in try follower.readLines() { show(line) }
                }
                return
            }
            let socket = try options.session().eventSubscriber(kindPrefix: kind ?? "")
            while !done() {
                guard let message = try socket.receive(timeoutMilliseconds: 200), message.frames.count == 2 else { continue }
                show(message.frames[1])
            }
        }
    }
}
