import TownMerge

/// The daemon's answer to one submit, sent only once the outcome is durable: same key and uuid,
/// the sequence of the key's current value (0 if none), `status`, `reason` (rejected), `detail`
/// (rejected, superseded), `stamp` and `origin` of the key's current value (`stamp=0.0` and no
/// origin when the key has none), and `clock`, the daemon's HLC now. For `superseded` the body
/// carries the winning value.
public struct SubmitReply: Equatable, Sendable {
    public var key: String
    public var uuid: [UInt8]
    public var sequence: UInt64
    public var status: SubmitStatus
    public var reason: RejectReason?
    public var detail: String?
    /// The stamp of the key's current value; nil when the key holds nothing.
    public var current: Stamp?
    public var clock: LogicalTime
    public var body: [UInt8]

    public init(
        key: String, uuid: [UInt8], sequence: UInt64, status: SubmitStatus, reason: RejectReason? = nil,
        detail: String? = nil, current: Stamp?, clock: LogicalTime, body: [UInt8] = []
    ) {
        self.key = key
        self.uuid = uuid
        self.sequence = sequence
        self.status = status
        self.reason = reason
        self.detail = detail
        self.current = current
        self.clock = clock
        self.body = body
    }

    public func message() -> KVMessage {
        var properties = Properties()
        properties[PropertyName.status] = status.rawValue
        if let reason { properties[PropertyName.reason] = reason.rawValue }
        if let detail { properties[PropertyName.detail] = detail }
        properties[PropertyName.stamp] = current?.text ?? LogicalTime.zero.description
        if let current { properties[PropertyName.origin] = current.origin }
        properties[PropertyName.clock] = clock.description
        return KVMessage(key: key, sequence: sequence, uuid: uuid, properties: properties, body: body)
    }

    /// The five frames, properties written straight into bytes (one reply per write: building a
    /// ``Properties`` first showed in profiles). The same bytes as `message().encode()`.
    public func encode() -> [[UInt8]] {
        var properties: [UInt8] = []
        properties.reserveCapacity(96 + (detail?.utf8.count ?? 0))
        appendProperties(to: &properties)
        return [Array(key.utf8), SequenceNumber.encode(sequence), uuid, properties, body]
    }

    /// Appends the properties frame's bytes to `properties`, so a sender can reuse one buffer for
    /// every reply (the daemon sends the frames one by one).
    public func appendProperties(to properties: inout [UInt8]) {
        func line(_ name: String, _ value: String) {
            properties += name.utf8
            properties.append(UInt8(ascii: "="))
            UTF8Bytes.appendSanitized(value, to: &properties)
            properties.append(0x0A)
        }
        line(PropertyName.status, status.rawValue)
        if let reason { line(PropertyName.reason, reason.rawValue) }
        if let detail { line(PropertyName.detail, detail) }
        if let current {
            properties += Self.stampPrefix
            current.time.appendText(to: &properties)
            properties.append(0x0A)
            line(PropertyName.origin, current.origin)
        } else {
            properties += Self.zeroStamp
        }
        properties += Self.clockPrefix
        clock.appendText(to: &properties)
        properties.append(0x0A)
    }

    private static let stampPrefix = Array("\(PropertyName.stamp)=".utf8)
    private static let zeroStamp = Array("\(PropertyName.stamp)=\(LogicalTime.zero.description)\n".utf8)
    private static let clockPrefix = Array("\(PropertyName.clock)=".utf8)

    public static func decode(_ frames: [[UInt8]], limits: WireLimits = .default) throws(WireError) -> SubmitReply {
        // A reply to a malformed request may echo a key that broke the rules: accept any key
        // bytes here, as long as the frame count and properties are right.
        guard frames.count == 5 else { throw .wrongFrameCount(expected: 5, got: frames.count) }
        var repaired = frames
        repaired[0] = Array("/".utf8)
        let message = try KVMessage.decode(repaired, limits: limits)
        let properties = message.properties
        guard let statusText = properties[PropertyName.status] else { throw .missingProperty(PropertyName.status) }
        guard let status = SubmitStatus(rawValue: statusText) else {
            throw .propertyValueInvalid(name: PropertyName.status, value: statusText)
        }
        var reason: RejectReason?
        if let reasonText = properties[PropertyName.reason] {
            guard let parsed = RejectReason(rawValue: reasonText) else {
                throw .propertyValueInvalid(name: PropertyName.reason, value: reasonText)
            }
            reason = parsed
        }
        guard let clockText = properties[PropertyName.clock] else { throw .missingProperty(PropertyName.clock) }
        guard let clock = try? LogicalTime(parsing: clockText) else {
            throw .propertyValueInvalid(name: PropertyName.clock, value: clockText)
        }
        var current: Stamp?
        if properties[PropertyName.origin] != nil {
            current = try message.stamp()
        } else if let stampText = properties[PropertyName.stamp], stampText != LogicalTime.zero.description {
            throw .missingProperty(PropertyName.origin)
        }
        return SubmitReply(
            key: String(decoding: frames[0], as: UTF8.self), uuid: message.uuid, sequence: message.sequence,
            status: status, reason: reason, detail: properties[PropertyName.detail], current: current, clock: clock,
            body: message.body)
    }
}
