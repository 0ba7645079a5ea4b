import Foundation
import Histogram
import Synchronization
import TownWire
import ZeroMQ

/// Fan-out: N subscribers on townd's publisher while a submit load runs; delivered updates/s and
/// submit-to-subscriber latency (the value written is the send time in microseconds).
enum FanOutScenario {
    static func run(_ settings: BenchSettings, subscribers: Int, ports: inout PortPicker) throws -> BenchResult {
        var result = BenchResult(scenario: "fanout_\(subscribers)")
        let workload = Workload(villages: settings.villages)
        let townd = try TowndProcess.start(settings, scenario: "fanout-\(subscribers)", workload: workload, ports: &ports).townd
        let context = try ZMQContext()
        let updates = "tcp://127.0.0.1:\(townd.basePort + 1)"
        let stop = Atomic<Bool>(false)
        let delivered = Atomic<Int>(0)
        let latencies = Mutex(Histogram<UInt64>(highestTrackableValue: 60_000_000))
        let done = DispatchGroup()
        let joined = Atomic<Int>(0)
        for _ in 0..<subscribers {
            done.enter()
            Thread {
                defer { done.leave() }
                guard let sub = try? context.socket(.sub) else { return }
                try? sub.setReceiveHighWaterMark(0)
                try? sub.subscribe("/village/")
                try? sub.subscribe("HUGZ")
                try? sub.connect(updates)
                var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
                var count = 0
                var first = true
                while !stop.load(ordering: .relaxed) {
                    guard let message = try? sub.receive(timeoutMilliseconds: 100) else { continue }
                    if first { joined.add(1, ordering: .relaxed); first = false }
                    guard message.frames.count == 5, message.frames[0] != Array("HUGZ".utf8),
                        let sent = UInt64(String(decoding: message.frames[4], as: UTF8.self))
                    else { continue }
                    count += 1
                    let now = Measure.microseconds()
                    if now > sent { _ = histogram.record(now - sent) }
                }
                delivered.add(count, ordering: .relaxed)
                latencies.withLock { $0.add(histogram) }
                // Unsubscribed and drained before closing, to give libzmq 4.3.4's
                // `session_base.cpp:260` assertion (zeromq/libzmq#3442) less to trip on; it still
                // fired once, which is why each fan-out scenario runs in a child (`FanOutChild`).
                try? sub.unsubscribe(Array("/village/".utf8))
                try? sub.unsubscribe(Array("HUGZ".utf8))
                let drainDeadline = Measure.now() + 2
                while Measure.now() < drainDeadline, (try? sub.receive(timeoutMilliseconds: 200)) != nil {}
            }.start()
        }
        let joinDeadline = Measure.now() + 10
        while joined.load(ordering: .relaxed) < subscribers && Measure.now() < joinDeadline { Thread.sleep(forTimeInterval: 0.05) }
        let connections = max(1, settings.connections / 4)
        let outcome = try PipelinedLoad(
            context: context, endpoint: "tcp://127.0.0.1:\(townd.basePort + 3)", connections: connections,
            window: settings.window, seconds: settings.seconds,
            requests: LoadRequests(workload: workload, connections: connections, keepingTheRule: false) { _ in
                Measure.microseconds()
            },
            replies: .applied, client: settings.loadClient
        ).run()
        Thread.sleep(forTimeInterval: 0.5)
        stop.store(true, ordering: .relaxed)
        done.wait()
        townd.stop()
        let ceiling = try Ceilings.publish(subscribers: subscribers, seconds: min(settings.seconds, 3), port: try ports.next())
        let histogram = latencies.withLock { $0 }
        result.add("delivered_updates_per_s", Double(delivered.load(ordering: .relaxed)) / outcome.seconds, "/s", ceiling: ("pubsub", ceiling))
        result.add("submits_acked_per_s", outcome.perSecond, "/s")
        result.add("submit_to_subscriber_p50_ms", Double(histogram.valueAtPercentile(50)) / 1000, "ms")
        result.add("submit_to_subscriber_p99_ms", Double(histogram.valueAtPercentile(99)) / 1000, "ms")
        result.notes.append("\(subscribers) subscribers; load \(connections) connections x \(settings.window)")
        return result
    }
}
