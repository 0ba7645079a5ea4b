import TownMerge
import TownWire

/// The load generator's view of a reply: the request it answers, read from the uuid frame (the
/// uuid's first eight bytes are the request's number, see ``PipelinedLoad/uuid(request:connection:)``).
/// Decoding every reply in full would spend the clients' CPU, which shares the 2 cores with
/// townd, and understate townd.
enum ReplyCheck: Sendable {
    /// A submit reply that says `status=applied` (its properties start so).
    case applied
    /// The echo ceiling's reply: the request's own five frames.
    case echo

    static let appliedPrefix = Array("status=applied\n".utf8)

    /// The request a reply answers (nil: not a reply to count).
    func request(of frames: [[UInt8]]) -> Int? {
        guard frames.count == 5, frames[2].count == 16 else { return nil }
        if self == .applied && !frames[3].starts(with: Self.appliedPrefix) { return nil }
        return frames[2].withUnsafeBytes { Self.number($0) }
    }

    /// ``request(of:)-(([[UInt8]]))`` read in place.
    func request(of message: FrameStreamMessage) -> Int? {
        guard message.count == 5, message[2].count == 16 else { return nil }
        if self == .applied && !message[3].starts(with: Self.appliedPrefix) { return nil }
        return Self.number(message[2])
    }

    /// The big-endian number in a uuid's first eight bytes.
    private static func number(_ uuid: UnsafeRawBufferPointer) -> Int {
        Int(truncatingIfNeeded: UInt64(bigEndian: uuid.loadUnaligned(as: UInt64.self)))
    }

    /// Checks both readings against each other on encoded replies (every bench run, before any
    /// load): applied and superseded submit replies, and an echoed request.
    static func checkReadings() throws {
        let uuid = PipelinedLoad.uuid(request: 123_456, connection: 7)
        let clock = LogicalTime(wallMilliseconds: 1_764_000_000_000, counter: 3)
        var cases: [([[UInt8]], ReplyCheck, Int?)] = [
            (
                Workload(villages: 10).submit(connection: 7, connections: 16, n: 123_456, uuid: uuid, value: 1), .echo,
                123_456
            )
        ]
        for (status, counted) in [(SubmitStatus.applied, true), (.superseded, false)] {
            let reply = SubmitReply(
                key: "/village/v000001/2023/collective_income", uuid: uuid, sequence: 9, status: status, current: nil,
                clock: clock)
            cases.append((reply.encode(), .applied, counted ? 123_456 : nil))
        }
        for (frames, check, expected) in cases {
            var decoder = FrameStreamDecoder()
            var inPlace: [Int?] = []
            try decoder.feed(FrameStreamEncoder.encode(frames)) { inPlace.append(check.request(of: $0)) }
            guard check.request(of: frames) == expected, inPlace == [expected] else {
                throw BenchError(
                    "the load's reading of a \(check) reply is wrong: \(inPlace) and \(String(describing: check.request(of: frames))), not \(String(describing: expected))"
                )
            }
        }
    }
}
