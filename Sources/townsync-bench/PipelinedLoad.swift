import Foundation
import Histogram
import Synchronization
import ZeroMQ

/// C DEALER connections, each keeping W requests in flight for a fixed time; every reply is
/// matched to its request through the uuid frame and its latency recorded (microseconds).
struct PipelinedLoad {
    let context: ZMQContext
    let endpoint: String
    let connections: Int
    let window: Int
    let seconds: Double
    /// Builds request `n` of connection `c`; frame 2 must be the 16-byte uuid that the reply echoes.
    let request: @Sendable (_ connection: Int, _ n: Int, _ uuid: [UInt8]) -> [[UInt8]]
    /// The uuid of a reply (nil: not a reply to count).
    let replyUUID: @Sendable ([[UInt8]]) -> [UInt8]?

    struct Outcome {
        var completed: Int
        var seconds: Double
        var latency: Histogram<UInt64>
        var perSecond: Double { seconds > 0 ? Double(completed) / seconds : 0 }
    }

    func run() -> Outcome {
        let results = Mutex<[(Int, Histogram<UInt64>)]>([])
        let done = DispatchGroup()
        let start = Measure.now()
        for connection in 0..<connections {
            done.enter()
            Thread { [self] in
                let outcome = (try? drive(connection)) ?? (0, Histogram<UInt64>(highestTrackableValue: 60_000_000))
                results.withLock { $0.append(outcome) }
                done.leave()
            }.start()
        }
        done.wait()
        let elapsed = Measure.now() - start
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var completed = 0
        for (count, part) in results.withLock({ $0 }) {
            completed += count
            histogram.add(part)
        }
        return Outcome(completed: completed, seconds: min(elapsed, seconds + 0.001), latency: histogram)
    }

    private func drive(_ connection: Int) throws -> (Int, Histogram<UInt64>) {
        let socket = try context.socket(.dealer)
        try socket.setSendHighWaterMark(0)
        try socket.setReceiveHighWaterMark(0)
        try socket.connect(endpoint)
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var sentAt: [[UInt8]: UInt64] = [:]
        var next = 0
        func send() throws {
            var uuid = withUnsafeBytes(of: UInt64(next).bigEndian) { Array($0) }
            uuid += withUnsafeBytes(of: UInt64(connection).bigEndian) { Array($0) }
            sentAt[uuid] = Measure.microseconds()
            try socket.send(request(connection, next, uuid))
            next += 1
        }
        for _ in 0..<window { try send() }
        let deadline = Measure.now() + seconds
        var completed = 0
        while true {
            let stopping = Measure.now() >= deadline
            if stopping && sentAt.isEmpty { break }
            guard let message = try socket.receive(timeoutMilliseconds: stopping ? 2000 : 1000) else {
                if stopping { break } else { continue }
            }
            guard let uuid = replyUUID(message.frames), let sent = sentAt.removeValue(forKey: uuid) else { continue }
            _ = histogram.record(Measure.microseconds() - sent)
            if Measure.now() < deadline {
                completed += 1
                try send()
            }
        }
        return (completed, histogram)
    }
}
