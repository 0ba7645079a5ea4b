import TownStore
import TownWire
import ZeroMQ

/// Sends the daemon's outgoing messages frame by frame from the values they describe, through one
/// reused properties buffer: a write's reply, KVPUB and event used to be built as arrays of frame
/// arrays first (about ten allocations a write on the socket thread). Owned by the socket thread.
struct OutputSender {
    private var properties: [UInt8] = []

    init() { properties.reserveCapacity(256) }

    /// A submit's reply on the ROUTER: the envelope, then the five frames of the reply.
    /// Returns false when the peer's queue is full (nothing was sent).
    mutating func sendReply(_ reply: SubmitReply, to envelope: ArraySlice<[UInt8]>, on socket: Socket) throws -> Bool {
        properties.removeAll(keepingCapacity: true)
        reply.appendProperties(to: &properties)
        for index in envelope.indices {
            // Only the first frame can meet the high-water mark; the rest of a message always goes.
            let mode: ReceiveMode = index == envelope.startIndex ? .dontWait : .blocking
            guard try socket.send(frame: envelope[index], more: true, mode: mode) else {
                return false
            }
        }
        var key = reply.key
        try key.withUTF8 { _ = try socket.send(frame: UnsafeRawBufferPointer($0), more: true) }
        try Self.sendSequence(reply.sequence, on: socket)
        try socket.send(frame: reply.uuid, more: true)
        try socket.send(frame: properties, more: true)
        try socket.send(frame: reply.body)
        return true
    }

    /// A KVPUB for a committed value on the publisher (a PUB drops what no subscriber can take).
    mutating func sendPublished(_ value: StoredValue, on socket: Socket) throws {
        properties.removeAll(keepingCapacity: true)
        KVMessage.appendPublishedProperties(stamp: value.version.stamp, ttlSeconds: value.ttlSeconds, to: &properties)
        var key = value.key
        guard try key.withUTF8({ try socket.send(frame: UnsafeRawBufferPointer($0), more: true, mode: .dontWait) }) else {
            return
        }
        try Self.sendSequence(value.sequence, on: socket)
        try value.version.withUUIDBytes { _ = try socket.send(frame: $0, more: true) }
        try socket.send(frame: properties, more: true)
        try socket.send(frame: value.version.body)
    }

    /// An event on the events socket: its kind, then its JSON object.
    func sendEvent(kind: String, json: UnsafeRawBufferPointer, on socket: Socket) throws {
        var kind = kind
        guard try kind.withUTF8({ try socket.send(frame: UnsafeRawBufferPointer($0), more: true, mode: .dontWait) }) else {
            return
        }
        try socket.send(frame: json)
    }

    private static func sendSequence(_ sequence: UInt64, on socket: Socket) throws {
        try withUnsafeBytes(of: sequence.bigEndian) { _ = try socket.send(frame: $0, more: true) }
    }
}
