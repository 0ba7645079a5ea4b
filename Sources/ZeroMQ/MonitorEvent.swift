import CZeroMQ

/// One socket-monitor notification: what happened, its value (fd, errno or status) and where.
public struct MonitorEvent: Sendable, Equatable {
    public let kind: MonitorEventKind
    /// The event's value: an fd, an errno, a reconnect interval, or a ZAP/protocol status code.
    public let value: UInt32
    /// The endpoint the event concerns.
    public let endpoint: String

    public init(kind: MonitorEventKind, value: UInt32, endpoint: String) {
        self.kind = kind
        self.value = value
        self.endpoint = endpoint
    }

    /// Decodes the two frames libzmq sends on a monitor socket: 6 bytes (16-bit event,
    /// 32-bit value, host order) and the endpoint. Nil when the frames are not of that shape.
    public static func decode(_ frames: [[UInt8]]) -> MonitorEvent? {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let header = frames[0]
        let event = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 0, as: UInt16.self) }
        let value = header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 2, as: UInt32.self) }
        return MonitorEvent(
            kind: MonitorEventKind(rawValue: event), value: value,
            endpoint: String(decoding: frames[1], as: UTF8.self))
    }
}
