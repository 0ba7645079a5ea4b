/// The run's knobs (`townsync-bench --help`).
struct BenchSettings {
    var quick = false
    var json = false
    var connections = 16
    var window = 64
    var seconds = 10.0
    var villages = 5_000
    var snapshotSizes = [100_000, 1_000_000]
    var subscriberCounts = [1, 10, 100]
    var directory = "/tmp"
    /// Full ingest rate the paced half-load scenario halves when the ingest scenario is not run.
    var fullRate = 20_000.0
    /// Scenario names to run (empty: all): ingest, half, quarter, fanout, snapshot.
    var only: Set<String> = []
    /// Leave the scenarios' directories in place (to profile townd on them afterwards).
    var keep = false
    /// Ingest without its ceilings and peer: townd's figures only, for quick A/B runs of two builds.
    var towndOnly = false
    /// Run each fan-out scenario in this process instead of a child process of its own.
    var fanOutInProcess = false
    /// Print each result in ``BenchResult/lines()`` form on stdout (a fan-out child to its parent).
    var resultLines = false
    /// How the load generator connects (`--load-client`).
    var loadClient = LoadClient.zmtp

    /// Whether the scenario named `name` is part of this run.
    func runs(_ name: String) -> Bool { only.isEmpty || only.contains(name) }

    static let usage = """
        usage: townsync-bench [--quick] [--json] [--connections C] [--window W] [--seconds S] [--keys K]
                             [--snapshot-keys N] [--subscribers N[,N]] [--only NAME[,NAME]] [--townd-only]
                             [--fanout-in-process] [--load-client zmtp|libzmq] [--dir DIR]
          --quick        under a minute: 3 s runs, snapshots of 100,000 keys only
          --json         one JSON object per scenario on stdout
          --connections  submit connections (default 16)
          --window       requests in flight per connection (default 64)
          --seconds      length of each load (default 10; 3 with --quick)
          --keys         distinct keys written by the load (default 10000)
          --snapshot-keys  the snapshot scenario's sizes, comma-separated (default 100000,1000000)
          --subscribers  the fan-out scenario's subscriber counts, comma-separated (default 1,10,100)
          --only         run only these scenarios: ingest, half, quarter, fanout, snapshot
          --full-rate    writes/s the paced half-load scenario halves when ingest is not run (default 20000)
          --townd-only   ingest without its ceilings and the Redis peer (quick A/B runs of townd builds)
          --fanout-in-process  run the fan-out scenarios in this process (by default each runs in a
                         child process, so a libzmq 4.3.4 assertion in its clients, zeromq/libzmq#3442,
                         costs that scenario's figures only)
          --load-client  how the load generator connects: zmtp (default: ZMTP 3.0 spoken straight
                         over TCP, every connection polled from one thread) or libzmq (a libzmq DEALER
                         and a thread a connection; about 5 us more CPU a write, taken from townd)
          --keep         leave the scenarios' directories (databases, logs) in place
          --dir          where the scenarios' temporary directories go (default /tmp)
        """

    static func parse(_ arguments: [String]) throws -> BenchSettings {
        var settings = BenchSettings()
        var rest = arguments[...]
        func value(_ name: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError("\(name) needs a value\n\(usage)") }
            return next
        }
        func number(_ name: String) throws -> Int {
            guard let parsed = Int(try value(name)), parsed > 0 else { throw BenchError("\(name) needs a positive number") }
            return parsed
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--quick":
                settings.quick = true
                settings.seconds = 3
                settings.snapshotSizes = [100_000]
            case "--json": settings.json = true
            case "--keep": settings.keep = true
            case "--townd-only": settings.towndOnly = true
            case "--connections": settings.connections = try number(argument)
            case "--window": settings.window = try number(argument)
            case "--seconds": settings.seconds = Double(try number(argument))
            case "--keys": settings.villages = max(1, try number(argument) / 2)
            case "--dir": settings.directory = try value(argument)
            case "--full-rate": settings.fullRate = Double(try number(argument))
            case "--snapshot-keys":
                let sizes = try value(argument).split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
                guard !sizes.isEmpty else { throw BenchError("--snapshot-keys needs positive numbers") }
                settings.snapshotSizes = sizes
            case "--subscribers":
                let counts = try value(argument).split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
                guard !counts.isEmpty else { throw BenchError("--subscribers needs positive numbers") }
                settings.subscriberCounts = counts
            case "--fanout-in-process": settings.fanOutInProcess = true
            case "--result-lines": settings.resultLines = true
            case "--load-client":
                let name = try value(argument)
                guard let client = LoadClient(rawValue: name) else {
                    throw BenchError("--load-client takes \(LoadClient.allCases.map(\.rawValue).joined(separator: " or "))")
                }
                settings.loadClient = client
            case "--only":
                let names = Set(try value(argument).split(separator: ",").map(String.init))
                let known: Set<String> = ["ingest", "half", "quarter", "fanout", "snapshot"]
                guard names.isSubset(of: known) else {
                    throw BenchError("--only takes \(known.sorted().joined(separator: ", "))")
                }
                settings.only = names
            case "-h", "--help":
                print(usage)
                throw BenchError("")
            default: throw BenchError("unknown option \(argument)\n\(usage)")
            }
        }
        return settings
    }
}
