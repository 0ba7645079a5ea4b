/// One event on the events socket: two frames, `[kind, json]`, the JSON being the same object as
/// the event-log line (without the newline). Subscribers filter on the kind prefix.
public struct EventMessage: Equatable, Sendable {
    public var kind: String
    public var json: [UInt8]

    public init(kind: String, json: [UInt8]) {
        self.kind = kind
        self.json = json
    }

    public func encode() -> [[UInt8]] { [Array(kind.utf8), json] }

    public static func decode(_ frames: [[UInt8]]) throws(WireError) -> EventMessage {
        guard frames.count == 2 else { throw .wrongFrameCount(expected: 2, got: frames.count) }
        guard !frames[0].isEmpty, frames[0].count <= 64, let kind = String(validating: frames[0], as: UTF8.self),
            !kind.unicodeScalars.contains(where: { Properties.isControl($0) || $0 == " " })
        else { throw .eventKindInvalid }
        guard String(validating: frames[1], as: UTF8.self) != nil, frames[1].first == UInt8(ascii: "{"),
            frames[1].last == UInt8(ascii: "}")
        else { throw .eventNotJSONObject }
        return EventMessage(kind: kind, json: frames[1])
    }
}
