import Logging
import ServiceLifecycle

/// `townd` as a service: starts the daemon, tells systemd it is ready, and on graceful shutdown
/// (SIGTERM, SIGINT) says `STOPPING=1`, drains, commits and returns.
public struct DaemonService: Service {
    let configuration: DaemonConfiguration
    let logger: Logger
    let notifier: SystemdNotifier

    public init(configuration: DaemonConfiguration, logger: Logger, notifier: SystemdNotifier = SystemdNotifier()) {
        self.configuration = configuration
        self.logger = logger
        self.notifier = notifier
    }

    public func run() async throws {
        let daemon = try Daemon(configuration: configuration, logger: logger)
        logger.info(
            "townd ready",
            metadata: [
                "bind": "\(configuration.bindAddress)", "base_port": "\(configuration.basePort)",
                "data_dir": "\(configuration.dataDirectory)", "sequence": "\(daemon.report.sequence)",
                "keys": "\(daemon.report.keys)",
            ])
        notifier.ready(status: "serving \(daemon.report.keys) keys on \(configuration.endpoint(0))")
        try? await gracefulShutdown()
        logger.info("townd stopping: draining and committing")
        notifier.stopping()
        daemon.requestStop()
        await daemon.stopped()
        logger.info("townd stopped")
    }
}
