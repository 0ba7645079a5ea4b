import Foundation

/// `townsync-bench`: townd's ingest, fan-out, snapshot, restart and memory, each beside a ceiling
/// measured in the same run (ZeroMQ echo and PUB/SUB through the project's module, SQLite batched
/// upserts with the same pragmas) and, for ingest, Redis with appendfsync always.
@main
struct BenchMain {
    static func main() {
        let settings: BenchSettings
        do {
            settings = try BenchSettings.parse(Array(CommandLine.arguments.dropFirst()))
        } catch {
            let text = "\(error)"
            if !text.isEmpty { FileHandle.standardError.write(Data("townsync-bench: \(text)\n".utf8)) }
            exit(text.isEmpty ? 0 : 64)
        }
        defer {
            if settings.keep {
                FileHandle.standardError.write(Data("townsync-bench: kept \(Scratch.created.joined(separator: " "))\n".utf8))
            } else {
                Scratch.removeAll()
            }
        }
        do {
            try Workload.checkRequests()
            try ReplyCheck.checkReadings()
        } catch {
            FileHandle.standardError.write(Data("townsync-bench: \(error)\n".utf8))
            exit(70)
        }
        var ports = PortPicker()
        var results: [BenchResult] = []
        /// Runs a scenario; one that fails still gives a result, named `scenario`, whose note says
        /// why (in the table, the JSON and, from a fan-out child, to its parent).
        func run(_ name: String, scenario: String, _ body: (inout PortPicker) throws -> BenchResult) {
            FileHandle.standardError.write(Data("townsync-bench: \(name) ...\n".utf8))
            let result: BenchResult
            do {
                result = try body(&ports)
            } catch {
                FileHandle.standardError.write(Data("townsync-bench: \(name) failed: \(error)\n".utf8))
                var failed = BenchResult(scenario: scenario)
                failed.notes.append("no figures: \(error)")
                result = failed
            }
            results.append(result)
            if settings.resultLines {
                print(result.lines().joined(separator: "\n"))
                fflush(nil)
            } else if settings.json {
                Report.printJSON(result)
            } else {
                Report.printProgress(result)
            }
        }
        if settings.runs("ingest") { run("ingest", scenario: "ingest") { try IngestScenario.run(settings, ports: &$0) } }
        if settings.runs("half") {
            // Half of what the ingest scenario reached in this run (or of --full-rate without it).
            let full = results.first { $0.scenario == "ingest" }?.figures.first { $0.label == "acked_writes_per_s" }?.value
            let rate = full ?? settings.fullRate
            run("ingest at half load, paced", scenario: "ingest_half_load") { try IngestScenario.pacedHalfLoad(settings, fullRate: rate, ports: &$0) }
        }
        if settings.runs("quarter") {
            run("ingest at a quarter of the window", scenario: "ingest_quarter_window") { try IngestScenario.halfLoad(settings, ports: &$0) }
        }
        for count in settings.subscriberCounts where settings.runs("fanout") {
            run("fan-out to \(count)", scenario: "fanout_\(count)") { ports in
                settings.fanOutInProcess
                    ? try FanOutScenario.run(settings, subscribers: count, ports: &ports)
                    : try FanOutChild.run(settings, subscribers: count)
            }
        }
        for keys in settings.snapshotSizes where settings.runs("snapshot") {
            run("snapshot, restart and memory at \(keys) keys", scenario: "snapshot_\(keys)") { try SnapshotScenario.run(settings, keys: keys, ports: &$0) }
        }
        if !settings.json && !settings.resultLines { Report.printTable(results, settings: settings) }
    }
}
