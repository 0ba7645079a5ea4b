// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TownSync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "townd", targets: ["townd"]),
        .executable(name: "village-agent", targets: ["village-agent"]),
        .executable(name: "townctl", targets: ["townctl"]),
        .library(name: "ZeroMQ", targets: ["ZeroMQ"]),
        .library(name: "TownMerge", targets: ["TownMerge"]),
        .library(name: "TownWire", targets: ["TownWire"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
    ],
    targets: [
        // C layer: libzmq from the system (Debian: libzmq3-dev).
        .systemLibrary(
            name: "CZeroMQ",
            path: "Sources/CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // C layer: process-wide SQLite settings that take a variadic C call (sqlite3_config).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The only module that touches the libzmq C API.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // A DEALER in ZMTP 3.0 straight over TCP, no libzmq: the benchmark's load generator.
        .target(name: "ZMTPStream", dependencies: ["TownWire"]),
        // Pure value code: hybrid logical clocks and last-writer-wins merge.
        .target(name: "TownMerge"),
        // Pure value code: the CHP kvmsg codec and the submit extension.
        .target(name: "TownWire", dependencies: ["TownMerge"]),
        // Pure value code: compact collections for millions of entries (a hash index of positions).
        .target(name: "TownCollections"),
        // Pure value code: the town indicator model (catalog, villages, key schema, indicators).
        .target(name: "TownModel", dependencies: ["TownCollections"]),
        // The village office agent as a library: outbox, delivery, mirror, CSV import.
        .target(
            name: "TownAgent",
            dependencies: [
                "TownClient", "TownModel", "TownMerge", "TownWire", "TownConfig", "ZeroMQ",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // townctl as a library: formatting, event sources, admin session.
        .target(name: "TownAdmin", dependencies: ["TownClient", "TownModel", "TownMerge", "TownWire", "ZeroMQ"]),
        // The config-file format (a flat TOML subset) shared by the three programs.
        .target(name: "TownConfig"),
        // The daemon's SQLite store (GRDB): current values, audit history, idempotency, sequence.
        .target(
            name: "TownStore",
            dependencies: [
                "TownMerge", "TownCollections", "CSQLiteSetup", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The town daemon as a library: configuration, write engine, socket loop, event log.
        .target(
            name: "TownDaemon",
            dependencies: [
                "ZeroMQ", "TownMerge", "TownWire", "TownStore", "TownConfig", "TownModel", "TownClient", "TownCollections",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Client side of the protocol: submit, snapshot, subscribe (agent, townctl, tests, bench).
        .target(name: "TownClient", dependencies: ["ZeroMQ", "TownWire", "TownMerge"]),
        // Test doubles shared by the test targets: manual clock, seeded generator.
        .target(name: "TownTesting", dependencies: ["TownMerge"]),

        .executableTarget(
            name: "townd",
            dependencies: [
                "TownDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "village-agent",
            dependencies: ["TownAgent", "TownModel", "TownConfig", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "townctl",
            dependencies: [
                "TownAdmin", "TownAgent", "TownClient", "TownModel", "TownStore", "TownWire", "TownConfig", "ZeroMQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The benchmark (Scripts/bench): townd against its ceilings and Redis, in one run.
        .executableTarget(
            name: "townsync-bench",
            dependencies: [
                "ZeroMQ", "ZMTPStream", "TownClient", "TownWire", "TownMerge", "TownStore", "TownModel",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ]
        ),
        // libFuzzer targets (wire decoder, CSV importer); Scripts/fuzz builds it with -sanitize=fuzzer.
        .executableTarget(
            name: "townsync-fuzz",
            dependencies: ["TownWire", "TownAgent", "TownModel"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "ZMTPStreamTests", dependencies: ["ZMTPStream", "TownWire", "ZeroMQ", "TownTesting"]),
        .testTarget(name: "TownMergeTests", dependencies: ["TownMerge", "TownTesting"]),
        .testTarget(name: "TownWireTests", dependencies: ["TownWire", "TownMerge", "TownTesting"]),
        .testTarget(
            name: "TownAgentTests",
            dependencies: ["TownAgent", "TownDaemon", "TownClient", "TownModel", "TownMerge", "TownWire", "TownTesting", "ZeroMQ"]
        ),
        .testTarget(
            name: "TownSecurityTests",
            dependencies: ["TownDaemon", "TownAdmin", "TownClient", "TownMerge", "TownWire", "ZeroMQ", "TownTesting"]
        ),
        .testTarget(name: "TownAdminTests", dependencies: ["TownAdmin", "TownModel", "TownDaemon", "TownClient", "TownTesting"]),
        .testTarget(name: "TownModelTests", dependencies: ["TownModel", "TownTesting"]),
        .testTarget(name: "TownConfigTests", dependencies: ["TownConfig"]),
        .testTarget(
            name: "TownStoreTests",
            dependencies: [
                "TownStore", "TownMerge", "TownTesting", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "TownDaemonTests",
            dependencies: [
                "TownDaemon", "TownClient", "TownStore", "TownWire", "TownMerge", "ZeroMQ", "TownTesting", "TownCollections",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds of the Swift modules: generic code of one module specialised and inlined into the
// modules that use it (the collections, codec and store into the daemon), and no run-time
// exclusivity checks (debug builds, which the tests run, keep them). Measured with the ingest
// benchmark: townd's socket loop 7–13% less CPU a write (BENCHMARKS.md).
let releaseSpeed: [SwiftSetting] = [
    .unsafeFlags(["-cross-module-optimization", "-enforce-exclusivity=unchecked"], .when(configuration: .release))
]
for target in package.targets where [.regular, .executable].contains(target.type) && target.name != "CSQLiteSetup" {
    target.swiftSettings = (target.swiftSettings ?? []) + releaseSpeed
}
