import Foundation
import Testing
import TownClient
import TownMerge
import TownTesting
import TownWire
import ZeroMQ

/// The events socket (P+4) publishes every event the log gets, as `[kind, JSON object]`, the same
/// objects as `events.jsonl`.
@Suite struct EventsSocketTests {
    @Test func outcomesArriveAsEventsWithTheirFields() throws {
        let town = try TestDaemon()
        let events = try town.context.socket(.sub)
        try events.subscribe("submit.")
        try events.connect(town.endpoint(4))
        let client = try town.submitClient()
        var admin = Writer(origin: "admin")
        // A subscription takes a moment to reach the publisher: write until the first event comes.
        var received: [EventMessage] = []
        for round in 0..<50 where received.isEmpty {
            _ = try client.submit([try admin.request("/town/2023/warmup", String(round))])
            if let message = try events.receive(timeoutMilliseconds: 100) {
                received.append(try EventMessage.decode(message.frames))
            }
        }
        #expect(!received.isEmpty, "no event within 50 writes")
        received = []
        let applied = try client.submit([try admin.request("/town/2023/figure", "12345")])
        let stale = SubmitRequest(
            key: "/town/2023/figure", uuid: Writer.uuid(), stamp: Stamp(wallMilliseconds: 1, counter: 0, origin: "admin"),
            body: Array("1".utf8))
        let superseded = try client.submit([stale])
        #expect(applied.first?.value.status == .applied && superseded.first?.value.status == .superseded)
        for _ in 0..<40 where received.count < 2 {
            guard let message = try events.receive(timeoutMilliseconds: 100) else { continue }
            let event = try EventMessage.decode(message.frames)
            if !String(decoding: event.json, as: UTF8.self).contains("warmup") { received.append(event) }
        }
        #expect(received.map(\.kind) == ["submit.applied", "submit.superseded"])
        let objects = try received.map { try #require(JSONSerialization.jsonObject(with: Data($0.json)) as? [String: Any]) }
        #expect(objects.first?["key"] as? String == "/town/2023/figure")
        #expect(objects.first?["value"] as? String == "12345")
        #expect(objects.first?["kind"] as? String == "submit.applied")
        #expect(objects.first?["sequence"] as? Int == Int(applied.first?.value.sequence ?? 0))
        #expect(objects.last?["winner"] as? String == "12345")
        #expect((objects.last?["ts"] as? String)?.hasSuffix("Z") == true)
        town.stop()
        // The log holds the same objects.
        let log = try String(contentsOfFile: town.directory + "/events.jsonl", encoding: .utf8)
        for event in received { #expect(log.contains(String(decoding: event.json, as: UTF8.self))) }
    }
}
