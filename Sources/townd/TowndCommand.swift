import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TownConfig
import TownDaemon
import TownStore

@main
struct TowndCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "townd",
        abstract: "The TownSync town daemon: keeps the indicator model and publishes every change.",
        discussion: """
            Serves five ZeroMQ sockets from the base port P: CHP snapshot (P), updates (P+1), collector \
            (P+2), acknowledged submit (P+3) and events (P+4). Settings come from flags, then the config \
            file (--config, or /etc/townd/townd.toml when it exists), then built-in defaults. No config file \
            is needed: `townd --data-dir DIR` runs on defaults, as an ordinary user too.

            Example:
              townd --data-dir /tmp/town --base-port 5556
            Stop with SIGTERM or Ctrl-C: in-flight writes are committed and answered first.
            """
    )

    @Option(help: "Config file (flat TOML). Default: /etc/townd/townd.toml if it exists.")
    var config: String?
    @Option(help: "State directory holding townd.sqlite. Default: /var/lib/townd.")
    var dataDir: String?
    @Option(help: "Address to bind. Default: 127.0.0.1. Non-loopback needs --keys-dir or --insecure.")
    var bind: String?
    @Option(help: "Base port P (P..P+4 are used). Default: 5556.")
    var basePort: Int?
    @Option(help: "JSON Lines event log. Default: DATA_DIR/events.jsonl.")
    var eventsLog: String?
    @Option(help: "Rotate the event log past this many bytes. Default: 67108864 (64 MiB).")
    var eventsLogMaxBytes: Int?
    @Option(help: "Rotated event logs to keep. Default: 8.")
    var eventsLogKeep: Int?
    @Option(help: "Directory of CURVE keys; turns CURVE on for every socket.")
    var keysDir: String?
    @Flag(help: "Allow a non-loopback bind without CURVE (plaintext on the network).")
    var insecure = false
    @Option(help: "SQLite synchronous: full (survives power loss), normal or off. Default: full.")
    var synchronous: String?
    @Flag(help: "Disable the CHP collector socket (P+2).")
    var noCollector = false
    @Option(help: "Refuse stamps further ahead of this clock than this many ms. Default: 300000.")
    var maxClockOffsetMs: UInt64?
    @Option(help: "Largest value accepted, in bytes. Default: 65536.")
    var maxBodyBytes: Int?
    @Option(help: "Most writes decided as one batch (batches waiting for the same fsync commit together). Default: 256.")
    var batchLimit: Int?
    @Option(help: "Messages queued per subscriber before townd drops for it. Default: 100000.")
    var publisherHwm: Int?
    @Option(help: "Indicator catalog (JSON) replacing the built-in Sankui catalog.")
    var catalog: String?
    @Option(help: "Villages registry (JSON) replacing the built-in 13 villages.")
    var villages: String?
    @Flag(help: "Serve a plain CHP key-value store without the town model (protocol testing only).")
    var noModel = false
    @Option(help: "Log level on stderr: trace, debug, info, notice, warning, error, critical. Default: info.")
    var logLevel: String = "info"

    func resolvedConfiguration() throws -> DaemonConfiguration {
        var settings = DaemonConfiguration()
        if let file = try ConfigFile.load(
            explicitPath: config, defaultPath: "/etc/townd/townd.toml", allowedKeys: DaemonConfiguration.fileKeys)
        {
            try settings.apply(file)
            settings.configurationFile = file.path
        }
        if let dataDir { settings.dataDirectory = dataDir }
        if let bind { settings.bindAddress = bind }
        if let basePort { settings.basePort = basePort }
        if let eventsLog { settings.eventsLogPath = eventsLog }
        if let eventsLogMaxBytes { settings.eventsLogMaximumBytes = eventsLogMaxBytes }
        if let eventsLogKeep { settings.eventsLogKeep = eventsLogKeep }
        if let keysDir { settings.keysDirectory = keysDir }
        if insecure { settings.insecure = true }
        if let synchronous {
            guard let mode = SynchronousMode(rawValue: synchronous.lowercased()) else {
                throw ValidationError("--synchronous must be full, normal or off")
            }
            settings.synchronous = mode
        }
        if noCollector { settings.collectorEnabled = false }
        if let maxClockOffsetMs { settings.maximumClockOffsetMilliseconds = maxClockOffsetMs }
        if let maxBodyBytes { settings.maximumBodyBytes = maxBodyBytes }
        if let batchLimit { settings.batchLimit = batchLimit }
        if let catalog { settings.catalogPath = catalog }
        if let publisherHwm { settings.publisherHighWaterMark = publisherHwm }
        if let villages { settings.villagesPath = villages }
        if noModel { settings.modelEnabled = false }
        try settings.validate()
        return settings
    }

    func run() async throws {
        guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
            throw ValidationError("--log-level must be one of: trace, debug, info, notice, warning, error, critical")
        }
        let settings: DaemonConfiguration
        do {
            settings = try resolvedConfiguration()
        } catch let error as ConfigFileError {
            throw ValidationError("config: \(error)")
        } catch let error as DaemonError {
            throw ValidationError(error.description)
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "townd")
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: DaemonService(configuration: settings, logger: logger))
        ]
        if let interval = SystemdNotifier.watchdogInterval() {
            services.append(.init(service: WatchdogService(interval: interval)))
        }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch let error as DaemonError {
            logger.critical("townd cannot run: \(error)")
            throw ExitCode(1)
        }
    }
}
