import Foundation
import TownClient
import TownWire
import ZeroMQ

/// `village-agent run`: delivers the outbox whenever there is something in it and the town
/// answers, keeps the presence key alive, and follows the town's values into the mirror.
/// Backs off (capped, with jitter) while the town does not answer. Single-threaded.
public final class AgentRunner {
    let configuration: AgentConfiguration
    let store: AgentStore
    let context: ZMQContext
    let security: ClientSecurity?
    let log: (String) -> Void
    let version: String

    public init(
        configuration: AgentConfiguration, store: AgentStore, context: ZMQContext, security: ClientSecurity?,
        version: String, log: @escaping (String) -> Void
    ) {
        self.configuration = configuration
        self.store = store
        self.context = context
        self.security = security
        self.version = version
        self.log = log
    }

    /// Runs until `shouldStop` says so (checked at least every 200 ms).
    public func run(shouldStop: () -> Bool) throws {
        var client = try SubmitClient(context: context, endpoint: configuration.endpoint(3), security: security)
        let follower = try MirrorFollower(
            store: store, village: configuration.village, context: context, configuration: configuration,
            security: security)
        var backoff = Backoff(
            initialMilliseconds: configuration.backoffInitialMilliseconds,
            maximumMilliseconds: configuration.backoffMaximumMilliseconds)
        let clock = ContinuousClock()
        var nextAttempt = clock.now
        var nextPresence = clock.now
        var lastHeard = clock.now
        var online = false
        log("village-agent \(version) for \(configuration.village): town at \(configuration.endpoint(0))")
        while !shouldStop() {
            if try follower.poll(timeoutMilliseconds: 200) { lastHeard = clock.now }
            if clock.now - lastHeard > .seconds(5) {
                // No HUGZ for 5 s: the town is away, or we were cut off; the mirror may be stale.
                follower.invalidate()
                if online { log("town silent for 5 s: working offline, entries stay in the outbox") }
                online = false
                lastHeard = clock.now
            }
            guard clock.now >= nextAttempt else { continue }
            do {
                if follower.needsSnapshot { try follower.resnapshot() }
                if clock.now >= nextPresence {
                    try sendPresence(client)
                    nextPresence = clock.now.advanced(by: .seconds(Int(configuration.presenceTTLSeconds) / 3))
                }
                if try !store.outbox(state: .pending).isEmpty {
                    let report = try OutboxFlusher(
                        store: store, client: client, timeoutMilliseconds: configuration.timeoutMilliseconds
                    ).flush()
                    describe(report)
                    if report.hasLeftovers { throw AgentError.unreachable("\(report.left) entries not answered") }
                }
                if !online { log("town reachable: delivering and following updates") }
                online = true
                backoff.succeeded()
            } catch {
                let wait = backoff.failed()
                if online || backoff.failures == 1 { log("town not answering (\(error)); retrying in \(wait) ms") }
                online = false
                nextAttempt = clock.now.advanced(by: .milliseconds(wait))
                // A fresh socket, so requests queued for a dead connection are not replayed late.
                client = try SubmitClient(context: context, endpoint: configuration.endpoint(3), security: security)
            }
        }
        log("village-agent stopping; \(try store.outbox(state: .pending).count) entries wait in the outbox")
    }

    private func sendPresence(_ client: SubmitClient) throws {
        let stamp = try store.stamp()
        let text = "\(version) \(EventTime.now())"
        let request = SubmitRequest(
            key: "/agent/\(configuration.village)/presence", uuid: AgentStore.newUUID(), stamp: stamp,
            ttlSeconds: configuration.presenceTTLSeconds, body: Array(text.utf8))
        let reply = try client.submit(request, timeoutMilliseconds: configuration.timeoutMilliseconds)
        try store.adopt(reply.clock)
    }

    private func describe(_ report: FlushReport) {
        if report.applied + report.duplicates > 0 {
            log("delivered \(report.applied + report.duplicates) entries (\(report.duplicates) already there)")
        }
        for line in report.detailLines { log(line) }
    }
}

/// Wall-clock time as text for people (UTC, seconds).
enum EventTime {
    static func now() -> String {
        var seconds = time(nil)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
