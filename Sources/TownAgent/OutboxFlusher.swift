import TownClient
import TownWire

/// Delivers the outbox through the submit socket: everything pending is sent at once
/// (pipelined), each reply is recorded as it comes; entries restamped after `clock-ahead` go out
/// once more in a second round.
public struct OutboxFlusher {
    let store: AgentStore
    let client: SubmitClient
    let timeoutMilliseconds: Int
    /// Most entries sent in one round.
    let roundLimit: Int

    public init(store: AgentStore, client: SubmitClient, timeoutMilliseconds: Int, roundLimit: Int = 2000) {
        self.store = store
        self.client = client
        self.timeoutMilliseconds = timeoutMilliseconds
        self.roundLimit = roundLimit
    }

    public func flush() throws -> FlushReport {
        var report = FlushReport()
        for _ in 0..<2 {
            let pending = Array(try store.outbox(state: .pending).prefix(roundLimit))
            guard !pending.isEmpty else { break }
            let again = try round(pending, report: &report)
            if !again { break }
        }
        report.left = try store.outbox(state: .pending).count
        return report
    }

    /// Sends one round; true when some entries were restamped and should go again.
    private func round(_ entries: [OutboxEntry], report: inout FlushReport) throws -> Bool {
        let requests = entries.map {
            SubmitRequest(key: $0.key, uuid: $0.uuid, stamp: $0.stamp, ttlSeconds: $0.ttlSeconds, body: Array($0.value.utf8))
        }
        report.sent += requests.count
        let replies = try client.submit(requests, timeoutMilliseconds: timeoutMilliseconds)
        var restamped = false
        for entry in entries {
            guard let reply = replies[entry.uuid] else { continue }
            switch try store.record(reply, for: entry) {
            case .delivered(let status, let townValue):
                if status == SubmitStatus.applied.rawValue { report.applied += 1 }
                if status == SubmitStatus.duplicate.rawValue { report.duplicates += 1 }
                if status == SubmitStatus.superseded.rawValue {
                    report.superseded.append((entry.key, entry.value, townValue ?? ""))
                }
            case .failed(let reason, let detail):
                report.failed.append((entry.key, reason, detail))
            case .restamped:
                report.restamped += 1
                restamped = true
            }
        }
        return restamped
    }
}
