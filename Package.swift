// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "TownSync",
    platforms: [.macOS(.v14)],
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
    ],
    targets: [
        // C layer: libzmq from the system (Debian: libzmq3-dev).
        .systemLibrary(
            name: "CZeroMQ",
            path: "Sources/CZeroMQ",
            providers: [.apt(["libzmq3-dev"])]
        ),
        // The only module that touches the libzmq C API.
        .target(name: "ZeroMQ", dependencies: ["CZeroMQ"]),
        // Pure value code: hybrid logical clocks and last-writer-wins merge.
        .target(name: "TownMerge"),
        // Pure value code: the CHP kvmsg codec and the submit extension.
        .target(name: "TownWire", dependencies: ["TownMerge"]),
        // Test doubles shared by the test targets: manual clock, seeded generator.
        .target(name: "TownTesting", dependencies: ["TownMerge"]),

        .executableTarget(
            name: "townd",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "village-agent",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "townctl",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // libFuzzer target for the decoder; Scripts/fuzz builds it with -sanitize=fuzzer.
        .executableTarget(
            name: "wire-fuzz",
            dependencies: ["TownWire"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),

        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"]),
        .testTarget(name: "TownMergeTests", dependencies: ["TownMerge", "TownTesting"]),
        .testTarget(name: "TownWireTests", dependencies: ["TownWire", "TownMerge", "TownTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
