import ZeroMQ

/// Writes the daemon's events to the event log and publishes each on the events socket, on the
/// event log's thread (`townd-events`) rather than the socket loop: an outcome event's JSON, its line and its two
/// frames were about a tenth of the socket loop's time, and every write goes through the socket
/// loop. Events keep their order (one thread, in the order handed over); a batch's events are
/// handed over before its replies are sent, as before (the log was written on that thread already).
///
/// From the loop's start the events socket is used on that thread only (libzmq lets a socket move
/// between threads with a full memory barrier between, which the hand-over's lock gives).
final class EventOutput: @unchecked Sendable {
    private let log: EventLog
    private let socket: Socket

    init(log: EventLog, socket: Socket) {
        self.log = log
        self.socket = socket
    }

    /// A batch's events: written as lines into one buffer (the events of a batch share one time,
    /// its text made once), logged as it is, then each object published from it.
    func send(_ events: [EngineEvent]) {
        guard !events.isEmpty else { return }
        log.perform { [self] appendLines in
            var lines: [UInt8] = []
            lines.reserveCapacity(events.count * 320)
            var objects: [Range<Int>] = []
            objects.reserveCapacity(events.count)
            var timestamp: (milliseconds: UInt64, text: String)?
            for event in events {
                if timestamp?.milliseconds != event.timestampMilliseconds {
                    timestamp = (event.timestampMilliseconds, EventRecord.rfc3339(milliseconds: event.timestampMilliseconds))
                }
                let start = lines.count
                event.appendJSON(timestampText: timestamp!.text, to: &lines)
                objects.append(start..<lines.count)
                lines.append(UInt8(ascii: "\n"))
            }
            appendLines(lines)
            lines.withUnsafeBytes { bytes in
                for (event, object) in zip(events, objects) {
                    Self.publish(kind: event.kind, json: UnsafeRawBufferPointer(rebasing: bytes[object]), on: self.socket)
                }
            }
        }
    }

    /// One event (start, stop, keys, ZAP, collector drops), in order with the batches'.
    func send(_ record: EventRecord) {
        log.perform { [self] appendLines in
            let json = record.json()
            appendLines(json + [UInt8(ascii: "\n")])
            json.withUnsafeBytes { Self.publish(kind: record.kind, json: $0, on: self.socket) }
        }
    }

    /// Waits until every event handed over is logged and published.
    func flush() { log.flush() }

    /// An event on the events socket: its kind, then its JSON object (a PUB drops what no
    /// subscriber can take; a failure to publish loses nothing the log does not have).
    private static func publish(kind: String, json: UnsafeRawBufferPointer, on socket: Socket) {
        var kind = kind
        let sent = kind.withUTF8 { (try? socket.send(frame: UnsafeRawBufferPointer($0), more: true, mode: .dontWait)) ?? false }
        guard sent else { return }
        _ = try? socket.send(frame: json)
    }
}
