import Foundation

/// Wall time, process CPU and memory readings.
enum Measure {
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    static func microseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000 + UInt64(spec.tv_nsec) / 1000
    }

    /// CPU seconds (user + system) a process has used.
    static func cpuSeconds(pid: Int32) -> Double { cpuSeconds(statPath: "/proc/\(pid)/stat") }

    /// User + system CPU seconds from a `stat` file of /proc.
    private static func cpuSeconds(statPath: String) -> Double {
        guard let text = try? String(contentsOfFile: statPath, encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// CPU seconds (user + system) each thread of a process has used, summed by thread name
    /// (`/proc/<pid>/task/<tid>/comm`; townd names its own threads).
    static func threadCPUSeconds(pid: Int32) -> [String: Double] {
        var byName: [String: Double] = [:]
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        for task in tasks {
            guard let tid = Int32(task),
                let name = try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/comm", encoding: .utf8)
            else { continue }
            byName[name.trimmingCharacters(in: .whitespacesAndNewlines), default: 0] += cpuSeconds(pid: pid, thread: tid)
        }
        return byName
    }

    /// CPU seconds of one thread of a process.
    static func cpuSeconds(pid: Int32, thread: Int32) -> Double {
        cpuSeconds(statPath: "/proc/\(pid)/task/\(thread)/stat")
    }

    /// Resident bytes (`VmRSS`) or peak resident bytes (`VmHWM`) of a process.
    static func memory(pid: Int32, field: String = "VmRSS") -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count >= 2, let kilobytes = Double(parts[1]) { return kilobytes * 1024 }
        }
        return 0
    }
}
