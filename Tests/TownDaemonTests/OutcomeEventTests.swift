import Foundation
import Testing
import TownMerge
import TownStore
import TownTesting
import TownWire

@testable import TownDaemon

/// A write's outcome event writes its JSON straight from the write's parts: the bytes are the
/// ones the event log always had, an ``EventRecord`` of the documented fields (built here the
/// plain way), for every status, optional field and awkward text.
@Suite struct OutcomeEventTests {
    static func reference(
        _ write: IncomingWrite, status: SubmitStatus, rejection: Rejection?, stamp: Stamp?, detail: String?,
        current: StoredValue?, now: UInt64
    ) -> EventRecord {
        var event = EventRecord(kind: "submit.\(status.rawValue)", at: now)
        event.set("key", write.key)
        event.set("village", KeyPath.villageID(ofKey: write.key) ?? write.principal.villageID)
        event.set("principal", write.principal.description)
        event.set("channel", write.channel.rawValue)
        event.set("status", status.rawValue)
        event.set("reason", rejection?.reason.rawValue)
        event.set("detail", detail)
        event.set("value", String(decoding: write.body, as: UTF8.self))
        event.set("stamp", stamp?.text)
        event.set("origin", stamp?.origin)
        if status == .superseded, let current {
            event.set("winner", current.version.isTombstone ? "" : current.version.text)
            event.set("winner_stamp", current.version.stamp.text)
            event.set("winner_origin", current.version.stamp.origin)
        }
        if status == .applied { event.set("sequence", number: Int64(current?.sequence ?? 0)) }
        event.set("peer", write.peer)
        return event
    }

    static let texts: [String] = [
        "", "luli", "三魁", "a\"b\\c", "line\nbreak\ttab", "\u{1}\u{7F}", "\u{85}c1", "\u{2028}\u{2029}", "x/y", "12345.67",
    ]
    static let bodies: [[UInt8]] = texts.map { Array($0.utf8) } + [[0xFF, 0xFE], [0x31, 0xC3], [0xE4, 0xB8]]

    @Test(arguments: 0..<6) func theJSONIsTheRecordsJSON(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
        func text() -> String { pick(Self.texts) }
        for n in 0..<400 {
            let roots = ["/village/", "/agent/", "/lock/", "/town/", "/village", ""]
            let key = pick(roots) + text() + pick(["", "/2023/collective_income", "/"])
            let principal: Principal = pick([.admin, .daemon, .village(text()), .other(text())])
            let stamp = Int.random(in: 0..<4, using: &random) == 0
                ? nil
                : Stamp(
                    wallMilliseconds: UInt64.random(in: 0...UInt64(Int64.max), using: &random),
                    counter: UInt32.random(in: 0...UInt32.max, using: &random), origin: text())
            let write = IncomingWrite(
                key: key, body: pick(Self.bodies), principal: principal,
                channel: pick([.submit, .collector, .ttl, .derived]), peer: Bool.random(using: &random) ? nil : text())
            let status: SubmitStatus = pick(SubmitStatus.allCases)
            let rejection = Bool.random(using: &random) ? nil : Rejection(pick(RejectReason.allCases), text())
            let current = Bool.random(using: &random)
                ? nil
                : StoredValue(
                    key: key,
                    version: Version(
                        stamp: Stamp(wallMilliseconds: UInt64(n), counter: UInt32(n % 3), origin: text()),
                        body: pick(Self.bodies)),
                    sequence: UInt64.random(in: 0...UInt64(Int64.max), using: &random))
            let detail = Bool.random(using: &random) ? nil : text()
            let now = UInt64.random(in: 0...4_102_444_799_999, using: &random)
            let event = EventFactory.outcome(
                of: write, status: status, rejection: rejection, stamp: stamp, detail: detail, current: current, now: now)
            let expected = Self.reference(
                write, status: status, rejection: rejection, stamp: stamp, detail: detail, current: current, now: now)
            var json: [UInt8] = []
            EngineEvent.outcome(event).appendJSON(timestampText: EventRecord.rfc3339(milliseconds: now), to: &json)
            #expect(String(decoding: json, as: UTF8.self) == String(decoding: expected.json(), as: UTF8.self))
            #expect(json == expected.json())
            #expect(event.kind == expected.kind)
            #expect(event.timestampMilliseconds == now)
            // And it stays one JSON object.
            #expect((try? JSONSerialization.jsonObject(with: Data(json))) is [String: Any])
        }
    }
}
