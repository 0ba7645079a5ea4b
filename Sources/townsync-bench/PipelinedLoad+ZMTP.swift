import Foundation
import Histogram
import TownWire
import ZMTPStream

/// The load driven through ``ZMTPDealer`` connections from one thread: the same connections,
/// windows, requests, pacing and latency as through libzmq, for a fraction of the CPU.
extension PipelinedLoad {
    /// The TCP port of `tcp://127.0.0.1:PORT`.
    var port: Int {
        get throws {
            guard let colon = endpoint.lastIndex(of: ":"), let port = Int(endpoint[endpoint.index(after: colon)...]) else {
                throw BenchError("\(endpoint) is not tcp://127.0.0.1:PORT")
            }
            return port
        }
    }

    /// Every connection sending again as soon as a reply frees its window (closed loop) or, with
    /// `perSecond`, at its share of that rate (a paced request's latency runs from when it was due).
    func driveStreams(perSecond: Double?) throws -> (Int, Histogram<UInt64>) {
        let port = try port
        let dealers = try (0..<connections).map { _ in try ZMTPDealer(port: port) }
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000)
        // Per connection: request number -> when it was sent (closed) or due (paced).
        var inFlight = [[Int: UInt64]](repeating: [:], count: connections)
        for index in inFlight.indices { inFlight[index].reserveCapacity(window * 2) }
        var next = [Int](repeating: 0, count: connections)
        let start = Measure.microseconds()
        let end = start + UInt64(seconds * 1_000_000)
        let interval = perSecond.map { 1_000_000 / ($0 / Double(connections)) }
        var completed = 0
        var descriptors = dealers.map { pollfd(fd: $0.descriptor, events: Int16(POLLIN), revents: 0) }

        func send(_ connection: Int, at time: UInt64) {
            let n = next[connection]
            inFlight[connection][n] = time
            dealers[connection].queue { requests.append(connection: connection, n: n, to: &$0) }
            next[connection] = n + 1
        }
        if interval == nil {
            for connection in 0..<connections {
                for _ in 0..<window { send(connection, at: Measure.microseconds()) }
            }
        }
        while true {
            let now = Measure.microseconds()
            var nextDue = UInt64.max
            var waiting = 0
            for connection in 0..<connections {
                if let interval {
                    // Connections start staggered across one interval, as independent offices would.
                    let offset = UInt64(interval * Double(connection) / Double(connections))
                    var due = start + offset + UInt64(Double(next[connection]) * interval)
                    while due <= now && due < end && inFlight[connection].count < window {
                        send(connection, at: due)
                        due = start + offset + UInt64(Double(next[connection]) * interval)
                    }
                    if due < end { nextDue = min(nextDue, due) }
                }
                try dealers[connection].flush()
                descriptors[connection].events = Int16(POLLIN) | (dealers[connection].hasOutput ? Int16(POLLOUT) : 0)
                waiting += inFlight[connection].count
            }
            if now >= end && waiting == 0 { break }
            if now >= end + 2_000_000 { break }
            let wait = nextDue == .max ? 100 : Int((nextDue > now ? nextDue - now : 0) / 1000)
            let ready = poll(&descriptors, nfds_t(descriptors.count), Int32(max(1, wait)))
            guard ready >= 0 || errno == EINTR else { throw BenchError("poll: \(String(cString: strerror(errno)))") }
            for connection in 0..<connections where descriptors[connection].revents & Int16(POLLIN | POLLERR | POLLHUP) != 0 {
                let dealer = dealers[connection]
                // Each reply read in place where it arrived (no array a frame).
                try dealer.fill { message in
                    guard let request = replies.request(of: message), let sent = inFlight[connection].removeValue(forKey: request)
                    else { return }
                    let received = Measure.microseconds()
                    _ = histogram.record(received > sent ? received - sent : 0)
                    guard received < end else { return }
                    completed += 1
                    if interval == nil { send(connection, at: received) }
                }
            }
        }
        return (completed, histogram)
    }
}
