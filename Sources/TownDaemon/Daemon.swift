import Foundation
import Logging
import TownModel
import ZeroMQ

/// The whole daemon for callers that are not a service group (tests, benchmarks): start it, it
/// is ready; stop it, it has drained, committed and logged `daemon.stopping`.
public final class Daemon: @unchecked Sendable {
    public let configuration: DaemonConfiguration
    let context: ZMQContext
    let loop: SocketLoop
    public let eventLog: EventLog
    public let report: SocketLoop.StartupReport
    /// SIGHUP reloads the keys (kept alive here).
    private let reloadSignal: (any DispatchSourceSignal)?

    /// Validates the configuration, opens the event log and the store, binds every socket.
    public init(configuration: DaemonConfiguration, logger: Logger, bindsZAPHandler: Bool = true) throws {
        try configuration.validate()
        // Before the sockets carry anything: frames freed on ZeroMQ's I/O thread take no malloc lock.
        if !MallocFastBins.widen() { logger.debug("malloc's fast bins left as they are (not glibc)") }
        let schema = configuration.modelEnabled ? try Self.loadSchema(configuration) : nil
        try Self.prepareDataDirectory(configuration.dataDirectory)
        self.configuration = configuration
        eventLog = try EventLog(
            path: configuration.resolvedEventsLogPath, maximumBytes: configuration.eventsLogMaximumBytes,
            keep: configuration.eventsLogKeep, logger: logger)
        context = try ZMQContext(ioThreads: 1, defaultLinger: 200)
        var keyRing: KeyRing?
        if let directory = configuration.keysDirectory {
            let ring = try KeyRing.load(directory: directory)
            for path in ring.looseFiles {
                logger.warning("\(path) is open to other users; run: chmod go-rwx \(path)")
            }
            if ring.clients.isEmpty { logger.warning("no client keys in \(directory)/clients: nobody can connect") }
            keyRing = ring
        }
        if let config = Self.looseConfig(configuration) {
            logger.warning("\(config) is writable by other users; run: chmod go-w \(config)")
        }
        loop = SocketLoop(
            configuration: configuration, context: context, eventLog: eventLog, logger: logger,
            policy: schema.map { ModelPolicy(schema: $0) as any WritePolicy } ?? AccessRules(), schema: schema,
            keyRing: keyRing, bindsZAPHandler: bindsZAPHandler)
        report = try loop.start()
        if keyRing != nil {
            signal(SIGHUP, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGHUP)
            source.setEventHandler { [loop] in loop.requestKeyReload() }
            source.resume()
            reloadSignal = source
        } else {
            reloadSignal = nil
        }
    }

    /// Reloads the keys directory, as SIGHUP does.
    public func reloadKeys() { loop.requestKeyReload() }

    /// Stops the loop (drain, commit, `daemon.stopping`) and waits for it.
    public func stop() {
        reloadSignal?.cancel()
        loop.requestStop()
        loop.waitUntilStopped()
        eventLog.flush()
    }

    /// Asks the loop to stop without waiting.
    public func requestStop() { loop.requestStop() }

    /// Waits until the loop has stopped.
    public func stopped() async {
        await loop.stopped()
        eventLog.flush()
    }

    /// The config file, when it is writable by others than its owner.
    static func looseConfig(_ configuration: DaemonConfiguration) -> String? {
        guard let path = configuration.configurationFile else { return nil }
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & 0o022) != 0 ? path : nil
    }

    /// The key schema from the configured (or built-in) catalog and villages.
    static func loadSchema(_ configuration: DaemonConfiguration) throws -> KeySchema {
        do {
            let catalog = try configuration.catalogPath.map { try Catalog.load(path: $0) } ?? .sankui
            let villages = try configuration.villagesPath.map { try VillageRegistry.load(path: $0) } ?? .sankui
            return KeySchema(catalog: catalog, villages: villages)
        } catch {
            throw DaemonError.configuration("\(error)")
        }
    }

    static func prepareDataDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw DaemonError.storage("data directory \(path) is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                throw DaemonError.storage("cannot create data directory \(path): \(error.localizedDescription)")
            }
        }
        guard FileManager.default.isWritableFile(atPath: path) else {
            throw DaemonError.storage("data directory \(path) is not writable by this user")
        }
    }
}
