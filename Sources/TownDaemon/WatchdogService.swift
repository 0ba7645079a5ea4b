import ServiceLifecycle

/// Pings systemd's watchdog at half the interval it asked for (`$WATCHDOG_USEC`).
public struct WatchdogService: Service {
    let interval: Duration
    let notifier: SystemdNotifier

    public init(interval: Duration, notifier: SystemdNotifier = SystemdNotifier()) {
        self.interval = interval
        self.notifier = notifier
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                notifier.watchdog()
                try await Task.sleep(for: interval / 2)
            }
        }
    }
}
