import Foundation

/// A townd process for one scenario: its own temporary directory, synchronous=FULL, started and
/// timed to readiness through the sd_notify socket.
final class TowndProcess {
    let process = Process()
    let directory: String
    let basePort: Int
    /// Seconds from spawning the process to its READY=1.
    private(set) var secondsToReady: Double = 0

    static var executable: String {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("townd").path
    }

    init(directory: String, basePort: Int, villagesFile: String?, extra: [String] = []) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable) else {
            throw BenchError("no townd at \(Self.executable): the bench starts the townd beside it (swift build -c release --product townd)")
        }
        self.directory = directory
        self.basePort = basePort
        let notify = directory + "/notify.sock"
        unlink(notify)
        let listener = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(notify.utf8)) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        process.executableURL = URL(fileURLWithPath: Self.executable)
        var arguments = ["--data-dir", directory + "/state", "--base-port", String(basePort), "--log-level", "warning"]
        if let villagesFile { arguments += ["--villages", villagesFile] }
        process.arguments = arguments + extra
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify
        process.environment = environment
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        // Not the bench's own output: a fan-out child's parent reads that to its end, which must
        // come when the child ends, even if this townd outlives it.
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let started = Measure.now()
        try process.run()
        var poll = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        var buffer = [UInt8](repeating: 0, count: 256)
        while Measure.now() - started < 120 {
            guard Glibc.poll(&poll, 1, 1000) > 0 else {
                guard process.isRunning else { throw BenchError("townd exited during start-up") }
                continue
            }
            let count = recv(listener, &buffer, buffer.count, 0)
            if count > 0, String(decoding: buffer[0..<count], as: UTF8.self).hasPrefix("READY=1") {
                secondsToReady = Measure.now() - started
                return
            }
        }
        throw BenchError("townd did not become ready within 120 s")
    }

    var pid: Int32 { process.processIdentifier }

    func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        process.waitUntilExit()
    }

    /// Ends townd as a crash would (SIGKILL): nothing is written out on the way.
    func crash() {
        guard process.isRunning else { return }
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A scenario's townd on a fresh scratch directory holding `workload`'s villages registry.
    static func start(
        _ settings: BenchSettings, scenario name: String, workload: Workload, ports: inout PortPicker
    ) throws -> (townd: TowndProcess, directory: String) {
        let directory = try Scratch.directory(settings, name)
        try workload.writeRegistry(to: directory + "/villages.json")
        let townd = try TowndProcess(directory: directory, basePort: try ports.next(), villagesFile: directory + "/villages.json")
        return (townd, directory)
    }
}
