import Foundation

/// Runs one fan-out scenario in a child process of this executable and reads its result back.
///
/// The scenario's 100 subscribers and its load run on libzmq 4.3.4 in the bench's own process,
/// where an I/O thread now and then asserts (`session_base.cpp:260`, zeromq/libzmq#3442) and
/// ended whole runs: in a child, such an abort costs that scenario's figures only, and says so.
enum FanOutChild {
    static func run(_ settings: BenchSettings, subscribers: Int) throws -> BenchResult {
        let process = Process()
        // This very executable, however it was started (by path or from PATH).
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        process.arguments = [
            "--only", "fanout", "--subscribers", String(subscribers), "--fanout-in-process", "--result-lines",
            "--seconds", String(Int(settings.seconds.rounded(.up))), "--connections", String(settings.connections),
            "--window", String(settings.window), "--keys", String(settings.villages * 2), "--dir", settings.directory,
            "--load-client", settings.loadClient.rawValue,
        ]
        // No backtrace on a crash: Swift's backtracer, started by the crashing child, inherits the
        // child's output and once held it open for twelve minutes, so the read below never ended.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        // Its progress lines go where ours do.
        process.standardError = FileHandle.standardError
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        if process.terminationReason == .exit, process.terminationStatus == 0,
            let result = BenchResult(lines: text.split(separator: "\n"))
        {
            return result
        }
        cleanUp(after: process.processIdentifier, in: settings.directory)
        var failed = BenchResult(scenario: "fanout_\(subscribers)")
        let status = process.terminationStatus
        let how =
            switch process.terminationReason {
            case .uncaughtSignal where status == SIGABRT: "aborted (SIGABRT: libzmq 4.3.4's assertion, zeromq/libzmq#3442)"
            case .uncaughtSignal: "was killed by signal \(status)"
            default: "exited with status \(status)"
            }
        failed.notes.append("no figures: the scenario's client process \(how)")
        return failed
    }

    /// A child that aborted left its townd running and its directory behind: both go.
    private static func cleanUp(after child: Int32, in directory: String) {
        let prefix = directory + "/townsync-bench-\(child)-"
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for pid in processes.compactMap(Int32.init) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { continue }
            // townd's --data-dir lies in the child's directory.
            if String(decoding: data, as: UTF8.self).contains(prefix) { kill(pid, SIGKILL) }
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        for name in names where (directory + "/" + name).hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: directory + "/" + name)
        }
    }
}
