import Foundation

/// Runs one fan-out scenario in a child process of this executable and reads its result back.
///
/// The scenario's 100 subscribers and its load run on libzmq 4.3.4 in the bench's own process,
/// where an I/O thread now and then asserts (`session_base.cpp:260`, zeromq/libzmq#3442) and
/// ended whole runs: in a child, such an abort costs that scenario's figures only, and says so.
enum FanOutChild {
    static func run(_ settings: BenchSettings, subscribers: Int) throws -> BenchResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.isExecutableFile(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }
        process.arguments = [
            "--only", "fanout", "--subscribers", String(subscribers), "--fanout-in-process", "--result-lines",
            "--seconds", String(Int(settings.seconds.rounded(.up))), "--connections", String(settings.connections),
            "--window", String(settings.window), "--keys", String(settings.villages * 2), "--dir", settings.directory,
        ]
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
        let how =
            process.terminationReason == .uncaughtSignal
            ? "was killed by signal \(process.terminationStatus)" : "exited with status \(process.terminationStatus)"
        failed.notes.append("no figures: its client process \(how) (6: libzmq 4.3.4, zeromq/libzmq#3442)")
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
