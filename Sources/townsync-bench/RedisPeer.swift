import Foundation

/// Redis 7 with `appendonly yes` and `appendfsync always` (it replies after fsync, as townd does),
/// loaded by redis-benchmark with the same connections, pipeline depth, value size and keyspace.
enum RedisPeer {
    static func which(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/usr/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func setsPerSecond(_ settings: BenchSettings, workload: Workload, directory: String, port: Int) throws -> Double? {
        guard let server = which("redis-server"), let benchmark = which("redis-benchmark") else { return nil }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let redis = Process()
        redis.executableURL = URL(fileURLWithPath: server)
        redis.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--appendonly", "yes", "--appendfsync", "always",
                           "--save", "", "--dir", directory, "--daemonize", "no"]
        redis.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try redis.run()
        defer {
            redis.terminate()
            redis.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 0.5)
        let requests = settings.quick ? 300_000 : 2_000_000
        let load = Process()
        load.executableURL = URL(fileURLWithPath: benchmark)
        load.arguments = ["-p", String(port), "-c", String(settings.connections), "-P", String(settings.window), "-t", "set",
                          "-r", String(workload.keyCount), "-d", "7", "-n", String(requests), "-q"]
        let pipe = Pipe()
        load.standardOutput = pipe
        try load.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        load.waitUntilExit()
        // "SET: 209205.03 requests per second, p50=..." (the last report line)
        guard let line = output.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).last(where: { $0.contains("requests per second") }),
            let number = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return number
    }
}
