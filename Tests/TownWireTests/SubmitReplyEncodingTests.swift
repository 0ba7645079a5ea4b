import Testing
import TownMerge
import TownTesting

@testable import TownWire

/// A reply's frames built straight into bytes are exactly those of the reply built as a
/// ``KVMessage`` with ``Properties`` (control characters in a detail become spaces either way),
/// and they decode back to the reply.
@Suite struct SubmitReplyEncodingTests {
    static let details = ["", "a newer value holds: '1750000'", "tab\there", "line\nbreak", "c1\u{85}x", "卢梨村 \u{7F}", "\r"]

    @Test(arguments: 0..<20) func directBytesMatchThePropertiesPath(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<100 {
            let status = [SubmitStatus.applied, .duplicate, .superseded, .rejected].randomElement(using: &random)!
            let reply = SubmitReply(
                key: "/village/luli/2023/collective_income", uuid: (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) },
                sequence: UInt64.random(in: 0...1_000_000, using: &random), status: status,
                reason: status == .rejected ? .storage : nil,
                detail: Bool.random(using: &random) ? Self.details.randomElement(using: &random)! : nil,
                current: Bool.random(using: &random)
                    ? Stamp(wallMilliseconds: UInt64.random(in: 0...2_000_000_000_000, using: &random), counter: 3, origin: "village:luli")
                    : nil,
                clock: LogicalTime(wallMilliseconds: UInt64.random(in: 1...2_000_000_000_000, using: &random), counter: 7),
                body: status == .superseded ? Array("1800000".utf8) : [])
            let direct = reply.encode()
            #expect(direct == reply.message().encode())
            let decoded = try SubmitReply.decode(direct)
            #expect(decoded.status == reply.status && decoded.sequence == reply.sequence && decoded.current == reply.current)
        }
    }
}
