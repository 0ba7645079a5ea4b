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
    /// Requests per second over all connections, sent on a schedule (open loop); nil: each
    /// connection sends again as soon as a reply frees its window (closed loop). A paced request's
    /// latency runs from when it was due, so a generator that falls behind does not hide it.
    var ratePerSecond: Double? = nil

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
        if let ratePerSecond { return try drivePaced(connection, perSecond: ratePerSecond / Double(connections)) }
        let socket = try connect()
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

    private func drivePaced(_ connection: Int, perSecond: Double) throws -> (Int, Histogram<UInt64>) {
        let socket = try connect()
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var dueAt: [[UInt8]: UInt64] = [:]
        let start = Measure.microseconds()
        let interval = 1_000_000 / perSecond
        let end = start + UInt64(seconds * 1_000_000)
        var next = 0
        var completed = 0
        while true {
            let now = Measure.microseconds()
            var due = start + UInt64(Double(next) * interval)
            // Send everything that is due (up to the window), stamped with when it was due.
            while due <= now && due < end && dueAt.count < window {
                var uuid = withUnsafeBytes(of: UInt64(next).bigEndian) { Array($0) }
                uuid += withUnsafeBytes(of: UInt64(connection).bigEndian) { Array($0) }
                dueAt[uuid] = due
                try socket.send(request(connection, next, uuid))
                next += 1
                due = start + UInt64(Double(next) * interval)
            }
            if now >= end && dueAt.isEmpty { break }
            // Never a zero time-out: sixteen connections spinning would take the daemon's cores.
            // (A request sent up to a millisecond late still counts from when it was due.)
            let wait = due > now && due < end ? Int((due - now + 999) / 1000) : (now >= end ? 2000 : 1)
            guard let message = try socket.receive(timeoutMilliseconds: max(1, wait)) else {
                if now >= end + 2_000_000 { break } else { continue }
            }
            guard let uuid = replyUUID(message.frames), let sent = dueAt.removeValue(forKey: uuid) else { continue }
            let received = Measure.microseconds()
            _ = histogram.record(received > sent ? received - sent : 0)
            if received < end { completed += 1 }
        }
        return (completed, histogram)
    }

    /// A DEALER to the endpoint with no high-water marks (the load sets its own window).
    private func connect() throws -> Socket {
        let socket = try context.socket(.dealer)
        try socket.setSendHighWaterMark(0)
        try socket.setReceiveHighWaterMark(0)
        try socket.connect(endpoint)
        return socket
    }
}
