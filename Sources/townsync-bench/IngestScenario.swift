import Foundation
import Histogram
import TownStore
import TownWire
import ZeroMQ

/// Ingest: C connections × W in flight of stamped submits over K keys, against townd with
/// synchronous=FULL; beside it the transport and storage ceilings and Redis.
enum IngestScenario {
    static func run(_ settings: BenchSettings, ports: inout PortPicker) throws -> BenchResult {
        var result = BenchResult(scenario: "ingest")
        let workload = Workload(villages: settings.villages)
        let (townd, directory) = try TowndProcess.start(settings, scenario: "ingest", workload: workload, ports: &ports)
        let context = try ZMQContext()
        let connections = settings.connections
        let cpuBefore = Measure.cpuSeconds(pid: townd.pid)
        let threadsBefore = Measure.threadCPUSeconds(pid: townd.pid)
        let loadBefore = Measure.cpuSeconds(pid: getpid())
        let outcome = try PipelinedLoad(
            context: context, endpoint: "tcp://127.0.0.1:\(townd.basePort + 3)", connections: connections,
            window: settings.window, seconds: settings.seconds,
            requests: LoadRequests(workload: workload, connections: connections) { UInt64($0) },
            replies: .applied, client: settings.loadClient
        ).run()
        let cpu = (Measure.cpuSeconds(pid: townd.pid) - cpuBefore) / outcome.seconds
        let threadsAfter = Measure.threadCPUSeconds(pid: townd.pid)
        // The load generator runs on the same two cores: what it takes, townd cannot have.
        let loadCPU = (Measure.cpuSeconds(pid: getpid()) - loadBefore) / outcome.seconds
        let rss = Measure.memory(pid: townd.pid)
        // Killed, not stopped: the start after it reads back what `kv` had not caught up with.
        townd.crash()
        let restart = try Self.restartAfterCrash(directory: directory, ports: &ports)

        result.add("acked_writes_per_s", outcome.perSecond, "/s")
        if !settings.towndOnly {
            let transport = try Ceilings.transport(settings, workload: workload, port: try ports.next())
            let storageCeiling = try Ceilings.storage(settings, workload: workload, directory: directory + "/storage")
            let lower = min(transport.perSecond, storageCeiling.perSecond)
            result.figures[0].ceiling = ("min_transport_storage", lower)
            result.add("transport_ceiling_per_s", transport.perSecond, "/s")
            result.add("storage_ceiling_per_s", storageCeiling.perSecond, "/s")
            result.add("storage_ceiling_cpu_us_per_write", storageCeiling.cpuMicrosecondsPerWrite, "us")
            result.add("transport_p99_ms", Double(transport.latency.valueAtPercentile(99)) / 1000, "ms")
            if let redis = try RedisPeer.setsPerSecond(
                settings, workload: workload, directory: directory + "/redis", port: try ports.next())
            {
                result.add("redis_aof_always_sets_per_s", redis, "/s")
                result.figures[0].ceiling = nil
                result.add("acked_writes_vs_redis", outcome.perSecond, "/s", ceiling: ("redis", redis))
                result.add("acked_writes_vs_ceilings", outcome.perSecond, "/s", ceiling: ("min_transport_storage", lower))
            } else {
                result.notes.append("redis-server/redis-benchmark not installed: peer skipped (apt-get install redis-server)")
            }
        }
        result.add("ack_p50_ms", Double(outcome.latency.valueAtPercentile(50)) / 1000, "ms")
        result.add("ack_p99_ms", Double(outcome.latency.valueAtPercentile(99)) / 1000, "ms")
        result.add("ack_p999_ms", Double(outcome.latency.valueAtPercentile(99.9)) / 1000, "ms")
        result.add("daemon_cpu_cores", cpu, "cores")
        // CPU time townd spends per acknowledged write (all its threads): steadier across runs than
        // the rate, which moves with the disk and with the load generator's share of the cores.
        result.add("daemon_cpu_us_per_write", outcome.perSecond > 0 ? cpu / outcome.perSecond * 1_000_000 : 0, "us")
        // The same per thread: which part of townd a change moved.
        Self.addThreadCPU(to: &result, before: threadsBefore, after: threadsAfter, outcome: outcome)
        result.add("daemon_rss_mb", rss / 1_048_576, "MB")
        result.add("load_generator_cpu_cores", loadCPU, "cores")
        result.add("restart_after_kill_s", restart.seconds, "s")
        result.add("restart_after_kill_history_rows_read_back", Double(restart.rows), "rows")
        result.notes.append("\(connections) connections x \(settings.window) in flight, \(workload.keyCount) keys, \(settings.seconds) s, synchronous=FULL, model on")
        return result
    }

    /// townd started again on the store of a townd killed under load: seconds to ready, and how
    /// many history rows it had to read back because `kv` had not caught up with them.
    /// The rows are counted on a copy of the files: opening the store itself first would recover
    /// its WAL (and, closing, copy it into the database) before townd starts, which the timed
    /// start must do itself.
    static func restartAfterCrash(directory: String, ports: inout PortPicker) throws -> (seconds: Double, rows: Int) {
        let copy = directory + "/after-kill"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: directory + "/state/townd.sqlite" + suffix) {
            try FileManager.default.copyItem(
                atPath: directory + "/state/townd.sqlite" + suffix, toPath: copy + "/townd.sqlite" + suffix)
        }
        let rows = try Store(path: copy + "/townd.sqlite").historyRowsAheadOfValues()
        let townd = try TowndProcess(directory: directory, basePort: try ports.next(), villagesFile: directory + "/villages.json")
        defer { townd.stop() }
        return (townd.secondsToReady, rows)
    }

    /// `daemon_cpu_us_per_write_<thread>` for each of townd's busy threads, from its CPU seconds
    /// before and after the load.
    static func addThreadCPU(
        to result: inout BenchResult, before: [String: Double], after: [String: Double], outcome: PipelinedLoad.Outcome
    ) {
        for (name, thread) in reportedThreads {
            let seconds = (after[name] ?? 0) - (before[name] ?? 0)
            let perWrite = outcome.perSecond > 0 ? seconds / outcome.seconds / outcome.perSecond * 1_000_000 : 0
            result.add("daemon_cpu_us_per_write_\(thread)", perWrite, "us")
        }
    }

    /// townd's busy threads by name, and the figure's suffix for each.
    static let reportedThreads = [
        ("townd-sockets", "socket_loop"), ("townd-commit", "commit"), ("ZMQbg/IO/0", "zeromq_io"),
        ("townd-wal", "wal_checkpoint"),
    ]

    /// Half the load (C/2 connections): the p99 to compare with the 10 ms target.
    static func halfLoad(_ settings: BenchSettings, ports: inout PortPicker) throws -> BenchResult {
        var half = settings
        half.connections = max(1, settings.connections / 2)
        half.window = max(1, settings.window / 2)
        var result = BenchResult(scenario: "ingest_quarter_window")
        let workload = Workload(villages: settings.villages)
        let townd = try TowndProcess.start(settings, scenario: "ingest-half", workload: workload, ports: &ports).townd
        let connections = half.connections
        let outcome = try PipelinedLoad(
            context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(townd.basePort + 3)", connections: connections,
            window: half.window, seconds: settings.seconds,
            requests: LoadRequests(workload: workload, connections: connections) { UInt64($0) },
            replies: .applied, client: settings.loadClient
        ).run()
        townd.stop()
        result.add("acked_writes_per_s", outcome.perSecond, "/s")
        result.add("ack_p50_ms", Double(outcome.latency.valueAtPercentile(50)) / 1000, "ms")
        result.add("ack_p99_ms", Double(outcome.latency.valueAtPercentile(99)) / 1000, "ms")
        result.notes.append("\(connections) connections x \(half.window) in flight")
        return result
    }

    /// Half load, paced: requests sent on a schedule at half of `fullRate` (the ingest figure of
    /// this run) by the same C connections, so the daemon is not saturated; the p99 here is the one
    /// the 10 ms target is about.
    static func pacedHalfLoad(_ settings: BenchSettings, fullRate: Double, ports: inout PortPicker) throws -> BenchResult {
        var result = BenchResult(scenario: "ingest_half_load")
        let workload = Workload(villages: settings.villages)
        let townd = try TowndProcess.start(settings, scenario: "ingest-paced", workload: workload, ports: &ports).townd
        let connections = settings.connections
        let rate = fullRate / 2
        var load = PipelinedLoad(
            context: try ZMQContext(), endpoint: "tcp://127.0.0.1:\(townd.basePort + 3)", connections: connections,
            window: settings.window, seconds: settings.seconds,
            requests: LoadRequests(workload: workload, connections: connections) { UInt64($0) },
            replies: .applied, client: settings.loadClient)
        load.ratePerSecond = rate
        let cpuBefore = Measure.cpuSeconds(pid: townd.pid)
        let threadsBefore = Measure.threadCPUSeconds(pid: townd.pid)
        let outcome = try load.run()
        let cpu = (Measure.cpuSeconds(pid: townd.pid) - cpuBefore) / outcome.seconds
        let threadsAfter = Measure.threadCPUSeconds(pid: townd.pid)
        townd.stop()
        result.add("offered_writes_per_s", rate, "/s")
        result.add("acked_writes_per_s", outcome.perSecond, "/s", ceiling: ("offered", rate))
        result.add("ack_p50_ms", Double(outcome.latency.valueAtPercentile(50)) / 1000, "ms")
        result.add("ack_p99_ms", Double(outcome.latency.valueAtPercentile(99)) / 1000, "ms")
        result.add("ack_p999_ms", Double(outcome.latency.valueAtPercentile(99.9)) / 1000, "ms")
        // At a set rate townd's CPU a write moves much less from run to run than the saturated
        // ingest figure does (the way to compare two builds' work a write; BENCHMARKS.md).
        result.add("daemon_cpu_us_per_write", outcome.perSecond > 0 ? cpu / outcome.perSecond * 1_000_000 : 0, "us")
        Self.addThreadCPU(to: &result, before: threadsBefore, after: threadsAfter, outcome: outcome)
        result.notes.append(
            "\(connections) connections paced at \(Int(rate))/s in all (half of the ingest figure), at most \(settings.window) in flight each")
        return result
    }
}
