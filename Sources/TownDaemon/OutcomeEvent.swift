import TownMerge
import TownWire

/// A write's outcome event (`submit.applied`, `submit.duplicate`, `submit.superseded`,
/// `submit.rejected`): one for nearly every write, so it keeps the write's parts as they are and
/// writes its JSON straight into the sender's bytes (the fields of an ``EventRecord``, each a
/// string of its own, cost about six allocations a write).
///
/// The JSON is the one documented for the event log, fields in this order: `ts`, `kind`, `key`,
/// `village`, `principal`, `channel`, `status`, `reason`, `detail`, `value`, `stamp`, `origin`,
/// `winner`, `winner_stamp`, `winner_origin` (superseded), `peer`, `sequence` (applied); absent
/// ones left out.
public struct OutcomeEvent: Sendable {
    let key: String
    let body: [UInt8]
    let principal: Principal
    let channel: IncomingWrite.Channel
    let peer: String?
    let status: SubmitStatus
    let reason: RejectReason?
    let detail: String?
    let stamp: Stamp?
    /// The value that holds (superseded outcomes only).
    let winner: Version?
    /// The stored value's sequence (applied outcomes only).
    let sequence: UInt64?
    public let timestampMilliseconds: UInt64

    /// `submit.<status>`.
    public var kind: String {
        switch status {
        case .applied: return "submit.applied"
        case .duplicate: return "submit.duplicate"
        case .superseded: return "submit.superseded"
        case .rejected: return "submit.rejected"
        }
    }

    /// `,"kind":"submit.<status>"`, `,"status":"<status>"` and `,"channel":"<channel>"` as bytes,
    /// written once, in the order of `allCases`: nothing in them to escape (three fields of every
    /// write's event).
    private static let kindFields = SubmitStatus.allCases.map { fragment("kind", "submit.\($0.rawValue)") }
    private static let statusFields = SubmitStatus.allCases.map { fragment("status", $0.rawValue) }
    private static let channelFields = IncomingWrite.Channel.allCases.map { fragment("channel", $0.rawValue) }

    private static func fragment(_ name: StaticString, _ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        field(name, text, to: &bytes)
        return bytes
    }

    /// The status's place in `SubmitStatus.allCases`.
    private var statusIndex: Int {
        switch status {
        case .applied: return 0
        case .duplicate: return 1
        case .superseded: return 2
        case .rejected: return 3
        }
    }

    /// The channel's place in `IncomingWrite.Channel.allCases`.
    private var channelIndex: Int {
        switch channel {
        case .submit: return 0
        case .collector: return 1
        case .ttl: return 2
        case .derived: return 3
        }
    }

    /// Appends the JSON object (no newline), with `ts` given as text.
    func appendJSON(timestampText: String, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"ts":"#.utf8)
        JSONObjectWriter.appendString(timestampText, to: &bytes)
        bytes.append(contentsOf: Self.kindFields[statusIndex])
        Self.field("key", key, to: &bytes)
        appendVillage(to: &bytes)
        Self.field("principal", principal.description, to: &bytes)
        bytes.append(contentsOf: Self.channelFields[channelIndex])
        bytes.append(contentsOf: Self.statusFields[statusIndex])
        if let reason { Self.field("reason", reason.rawValue, to: &bytes) }
        if let detail { Self.field("detail", detail, to: &bytes) }
        Self.name("value", to: &bytes)
        Self.appendText(body, to: &bytes)
        if let stamp {
            Self.name("stamp", to: &bytes)
            Self.appendTime(stamp.time, to: &bytes)
            Self.field("origin", stamp.origin, to: &bytes)
        }
        if status == .superseded, let winner {
            Self.name("winner", to: &bytes)
            Self.appendText(winner.isTombstone ? [] : winner.body, to: &bytes)
            Self.name("winner_stamp", to: &bytes)
            Self.appendTime(winner.stamp.time, to: &bytes)
            Self.field("winner_origin", winner.stamp.origin, to: &bytes)
        }
        if let peer { Self.field("peer", peer, to: &bytes) }
        if status == .applied {
            Self.name("sequence", to: &bytes)
            KVMessage.appendDecimal(sequence ?? 0, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The village the key names (`/village/<id>/...`, `/agent/<id>/...`, `/lock/<id>/...`), else
    /// the writer's, read from the key's bytes in place.
    private func appendVillage(to bytes: inout [UInt8]) {
        var key = key
        let written = key.withUTF8 { utf8 -> Bool in
            guard let village = KeyPath.villageID(inKey: utf8) else { return false }
            Self.name("village", to: &bytes)
            JSONObjectWriter.appendString(utf8: village, to: &bytes)
            return true
        }
        if !written, let village = principal.villageID { Self.field("village", village, to: &bytes) }
    }

    /// `,"<name>":` (names are plain ASCII: nothing to escape).
    private static func name(_ name: StaticString, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #",""#.utf8)
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: #"":"#.utf8)
    }

    private static func field(_ name: StaticString, _ value: String, to bytes: inout [UInt8]) {
        Self.name(name, to: &bytes)
        JSONObjectWriter.appendString(value, to: &bytes)
    }

    /// A value's bytes as a JSON string: as they are when plain ASCII, else as text (invalid UTF-8
    /// repaired, as `String(decoding:as:)` does).
    private static func appendText(_ body: [UInt8], to bytes: inout [UInt8]) {
        if body.allSatisfy({ $0 < 0x80 }) {
            body.withUnsafeBufferPointer { JSONObjectWriter.appendString(utf8: $0, to: &bytes) }
        } else {
            JSONObjectWriter.appendString(String(decoding: body, as: UTF8.self), to: &bytes)
        }
    }

    /// A logical time's text `<wall_ms>.<counter>` as a JSON string.
    private static func appendTime(_ time: LogicalTime, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        time.appendText(to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
