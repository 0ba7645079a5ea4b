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
    /// What each connection sends (frame 2 is the uuid the reply echoes).
    let requests: LoadRequests
    /// Which replies count, and the request each answers.
    let replies: ReplyCheck
    /// Requests per second over all connections, sent on a schedule (open loop); nil: each
    /// connection sends again as soon as a reply frees its window (closed loop). A paced request's
    /// latency runs from when it was due, so a generator that falls behind does not hide it.
    var ratePerSecond: Double? = nil
    /// Raw ZMTP from one thread, or libzmq DEALERs from a thread each.
    var client = LoadClient.zmtp

    struct Outcome {
        var completed: Int
        var seconds: Double
        var latency: Histogram<UInt64>
        var perSecond: Double { seconds > 0 ? Double(completed) / seconds : 0 }
    }

    func run() throws -> Outcome {
        if client == .zmtp {
            let start = Measure.now()
            let (completed, latency) = try driveStreams(perSecond: ratePerSecond)
            return Outcome(completed: completed, seconds: min(Measure.now() - start, seconds + 0.001), latency: latency)
        }
        if let ratePerSecond {
            // Paced: one thread drives every connection (sixteen threads each waking every
            // millisecond took over half a core of the two the daemon runs on).
            let start = Measure.now()
            let (completed, latency) = (try? drivePaced(perSecond: ratePerSecond))
                ?? (0, Histogram<UInt64>(highestTrackableValue: 60_000_000))
            return Outcome(completed: completed, seconds: min(Measure.now() - start, seconds + 0.001), latency: latency)
        }
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
        let socket = try connect()
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        // Keyed by the request's number, which the uuid's first eight bytes carry.
        var sentAt: [Int: UInt64] = [:]
        sentAt.reserveCapacity(window * 2)
        var next = 0
        func send() throws {
            sentAt[next] = Measure.microseconds()
            try socket.send(requests.frames(connection: connection, n: next))
            next += 1
        }
        for _ in 0..<window { try send() }
        let deadline = Measure.now() + seconds
        var completed = 0
        var frame = Frame()
        var frames: [[UInt8]] = []
        while true {
            let stopping = Measure.now() >= deadline
            if stopping && sentAt.isEmpty { break }
            guard try socket.receiveFrames(into: &frames, frame: &frame, timeoutMilliseconds: stopping ? 2000 : 1000) else {
                if stopping { break } else { continue }
            }
            guard let request = replies.request(of: frames), let sent = sentAt.removeValue(forKey: request) else { continue }
            _ = histogram.record(Measure.microseconds() - sent)
            if Measure.now() < deadline {
                completed += 1
                try send()
            }
        }
        return (completed, histogram)
    }

    /// Every connection paced at its share of `perSecond`, from one thread: each turn sends what
    /// is due on every connection (up to its window), then waits for replies on all of them until
    /// the next request is due (at least a millisecond: never a spin).
    private func drivePaced(perSecond: Double) throws -> (Int, Histogram<UInt64>) {
        let sockets = try (0..<connections).map { _ in try connect() }
        let poller = Poller()
        for socket in sockets { poller.add(socket) }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        var dueAt = [[Int: UInt64]](repeating: [:], count: connections)
        var next = [Int](repeating: 0, count: connections)
        let interval = 1_000_000 / (perSecond / Double(connections))
        let start = Measure.microseconds()
        let end = start + UInt64(seconds * 1_000_000)
        var completed = 0
        var frame = Frame()
        var frames: [[UInt8]] = []
        while true {
            let now = Measure.microseconds()
            var nextDue = UInt64.max
            var waiting = 0
            for connection in 0..<connections {
                // Connections start staggered across one interval, as independent offices would.
                let offset = UInt64(interval * Double(connection) / Double(connections))
                var due = start + offset + UInt64(Double(next[connection]) * interval)
                while due <= now && due < end && dueAt[connection].count < window {
                    let n = next[connection]
                    dueAt[connection][n] = due
                    try sockets[connection].send(requests.frames(connection: connection, n: n))
                    next[connection] = n + 1
                    due = start + offset + UInt64(Double(n + 1) * interval)
                }
                if due < end { nextDue = min(nextDue, due) }
                waiting += dueAt[connection].count
            }
            if now >= end && waiting == 0 { break }
            if now >= end + 2_000_000 { break }
            let wait = nextDue == .max ? 100 : Int((nextDue > now ? nextDue - now : 0) / 1000)
            _ = try poller.poll(timeoutMilliseconds: max(1, wait))
            for connection in 0..<connections where poller.isReadable(connection) {
                while try sockets[connection].receiveFrames(into: &frames, frame: &frame, mode: .dontWait) {
                    guard let request = replies.request(of: frames), let sent = dueAt[connection].removeValue(forKey: request)
                    else { continue }
                    let received = Measure.microseconds()
                    _ = histogram.record(received > sent ? received - sent : 0)
                    if received < end { completed += 1 }
                }
            }
        }
        return (completed, histogram)
    }

    /// Request `n` of a connection's uuid: `n`, then the connection, both big-endian (time-ordered
    /// per connection, as the agents' version 7 uuids are).
    static func uuid(request n: Int, connection: Int) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 16) { buffer, count in
            withUnsafeBytes(of: (UInt64(n).bigEndian, UInt64(connection).bigEndian)) { bytes in
                for index in 0..<16 { buffer[index] = bytes[index] }
            }
            count = 16
        }
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
