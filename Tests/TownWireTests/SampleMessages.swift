import TownMerge
import TownTesting
import TownWire

/// Valid messages of every kind, fixed and random, for round-trip and stream tests.
enum SampleMessages {
    static let uuid: [UInt8] = Array(0..<16)
    static let stamp = Stamp(wallMilliseconds: 1_700_000_000_000, counter: 2, origin: "village:luli")

    static var fixed: [(WireChannel, WireMessage)] {
        var kvpub = KVMessage(key: "/village/luli/2023/collective_income", sequence: 42, uuid: uuid, body: Array("2150000".utf8))
        kvpub.setStamp(stamp)
        var withTTL = kvpub
        withTTL.key = "/agent/luli/presence"
        withTTL.properties[PropertyName.ttl] = "30"
        return [
            (.snapshotRequest, .snapshotRequest(SnapshotRequest(subtree: "/village/luli/"))),
            (.snapshotRequest, .snapshotRequest(SnapshotRequest(subtree: ""))),
            (.snapshotReply, .snapshotReply(.kvsync(kvpub))),
            (.snapshotReply, .snapshotReply(.kthxbai(sequence: 42, subtree: "/village/"))),
            (.update, .update(.kvpub(kvpub))),
            (.update, .update(.kvpub(withTTL))),
            (.update, .update(.kvpub(KVMessage(key: "/village/luli/2023/collective_income", sequence: 43)))),
            (.update, .update(.hugz(sequence: 43))),
            (.collector, .collectorSet(KVMessage(key: "/town/2023/fixed_asset_investment", body: Array("121000000".utf8)))),
            (.collector, .collectorSet(KVMessage(key: "/x", properties: ["ttl": "5", "note": "a=b=c"], body: [0xE4, 0xB8, 0x89]))),
            (.submitRequest, .submitRequest(SubmitRequest(key: "/village/luli/2023/operating_income", uuid: uuid, stamp: stamp, body: Array("820000".utf8)))),
            (.submitRequest, .submitRequest(SubmitRequest(key: "/agent/luli/presence", uuid: uuid, stamp: stamp, ttlSeconds: 60, body: Array("v1".utf8)))),
            (.submitRequest, .submitRequest(SubmitRequest(key: "/lock/luli/2023", uuid: uuid, stamp: stamp, body: []))),
            (.submitReply, .submitReply(SubmitReply(key: "/village/luli/2023/operating_income", uuid: uuid, sequence: 7, status: .applied, current: stamp, clock: stamp.time))),
            (.submitReply, .submitReply(SubmitReply(key: "/a", uuid: uuid, sequence: 9, status: .superseded, detail: "a newer value holds", current: stamp, clock: LogicalTime(wallMilliseconds: 1_700_000_000_100), body: Array("2100000".utf8)))),
            (.submitReply, .submitReply(SubmitReply(key: "/a", uuid: uuid, sequence: 0, status: .rejected, reason: .clockAhead, detail: "stamp is 86400000 ms ahead", current: nil, clock: LogicalTime(wallMilliseconds: 5, counter: 1)))),
            (.event, .event(EventMessage(kind: "submit.applied", json: Array(#"{"ts":"2023-11-20T09:00:00.000Z","kind":"submit.applied"}"#.utf8)))),
        ]
    }

    /// A random valid message of a random channel.
    static func random(_ random: inout SeededGenerator) -> (WireChannel, WireMessage) {
        let keys = ["/village/luli/2023/collective_income", "/project/p1/progress", "/村/三魁/", "/" + String(repeating: "k", count: 254)]
        let bodies: [[UInt8]] = [[], Array("820000".utf8), Array("三魁镇".utf8), [UInt8](repeating: 7, count: 300), [UInt8](repeating: 1, count: 70_000)]
        let key = random.pick(keys)
        let body = random.pick(bodies.filter { $0.count <= 65_536 })
        let sequence = UInt64.random(in: 0...UInt64.max, using: &random)
        let stamp = Stamp(wallMilliseconds: UInt64.random(in: 0...LogicalTime.maximumWall, using: &random), counter: UInt32.random(in: 0...UInt32.max, using: &random), origin: random.pick(["admin", "village:卢梨", "townd"]))
        var kv = KVMessage(key: key, sequence: sequence, uuid: random.chance(0.5) ? uuid : [], body: body)
        kv.setStamp(stamp)
        switch Int.random(in: 0..<7, using: &random) {
        case 0: return (.snapshotRequest, .snapshotRequest(SnapshotRequest(subtree: random.pick(["", "/", "/village/luli/"]))))
        case 1: return (.snapshotReply, .snapshotReply(random.chance(0.5) ? .kvsync(kv) : .kthxbai(sequence: sequence, subtree: "/project/")))
        case 2: return (.update, .update(random.chance(0.5) ? .kvpub(kv) : .hugz(sequence: sequence)))
        case 3: return (.collector, .collectorSet(kv))
        case 4: return (.submitRequest, .submitRequest(SubmitRequest(key: key, uuid: uuid, stamp: stamp, ttlSeconds: random.chance(0.3) ? 60 : nil, body: body)))
        case 5:
            let status = random.pick(SubmitStatus.allCases)
            return (.submitReply, .submitReply(SubmitReply(key: key, uuid: uuid, sequence: sequence, status: status, reason: status == .rejected ? random.pick(RejectReason.allCases) : nil, detail: status == .applied ? nil : "why = because", current: random.chance(0.5) ? stamp : nil, clock: stamp.time, body: body)))
        default: return (.event, .event(EventMessage(kind: "submit.rejected", json: Array(#"{"kind":"submit.rejected","detail":"三"}"#.utf8))))
        }
    }
}
