import Testing
import TownMerge
import TownTesting
import TownWire

@Suite struct RoundTripTests {
    @Test func everyFixedMessageRoundTrips() throws {
        for (channel, message) in SampleMessages.fixed {
            let frames = message.encode()
            #expect(try WireMessage.decode(frames, channel: channel) == message, "\(channel)")
        }
    }

    @Test(arguments: 0..<50)
    func randomMessagesRoundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<20 {
            let (channel, message) = SampleMessages.random(&random)
            #expect(try WireMessage.decode(message.encode(), channel: channel) == message, "seed \(seed) \(channel)")
        }
    }

    @Test func framesAreLaidOutAsTheSpecSays() {
        let kv = KVMessage(key: "/a", sequence: 0x0102_0304_0506_0708, uuid: SampleMessages.uuid, properties: ["stamp": "5.1", "origin": "admin"], body: Array("v".utf8))
        #expect(kv.encode() == [Array("/a".utf8), [1, 2, 3, 4, 5, 6, 7, 8], SampleMessages.uuid, Array("stamp=5.1\norigin=admin\n".utf8), Array("v".utf8)])
        #expect(SnapshotRequest(subtree: "/village/").encode() == [Array("ICANHAZ?".utf8), Array("/village/".utf8)])
        #expect(Update.hugz(sequence: 9).encode() == [Array("HUGZ".utf8), [0, 0, 0, 0, 0, 0, 0, 9], [], [], []])
        #expect(SnapshotReply.kthxbai(sequence: 3, subtree: "/v/").encode() == [Array("KTHXBAI".utf8), [0, 0, 0, 0, 0, 0, 0, 3], [], [], Array("/v/".utf8)])
        let reply = SubmitReply(key: "/a", uuid: SampleMessages.uuid, sequence: 0, status: .rejected, reason: .unknownKey, detail: "no such key", current: nil, clock: LogicalTime(wallMilliseconds: 10, counter: 0))
        #expect(reply.encode()[3] == Array("status=rejected\nreason=unknown-key\ndetail=no such key\nstamp=0.0\nclock=10.0\n".utf8))
    }

    @Test func propertiesKeepOrderAllowEqualsAndToleratesNoFinalNewline() throws {
        let properties = try Properties.decode(Array("b=1\na=x=y\nc=".utf8))
        #expect(properties.entries.map(\.name) == ["b", "a", "c"])
        #expect(properties["a"] == "x=y")
        #expect(properties["c"] == "")
        var edited = properties
        edited["detail"] = "line one\nline two"
        #expect(try Properties.decode(edited.encode()) == edited)
        #expect(edited["detail"] == "line one line two")
    }

    @Test func subtreeMembership() {
        #expect(Subtree.contains("", key: "/anything"))
        #expect(Subtree.contains("/village/luli/", key: "/village/luli/2023/collective_income"))
        #expect(!Subtree.contains("/village/luli/", key: "/village/luliX/2023/collective_income"))
    }
}

@Suite struct PublishedFramesTests {
    @Test func publishedFramesEqualTheGeneralEncoding() throws {
        let stamp = Stamp(wallMilliseconds: 1_700_000_000_123, counter: 0, origin: "village:卢梨")
        for ttl in [nil, UInt32(0), UInt32(30)] {
            var message = KVMessage(key: "/agent/luli/presence", sequence: 42, uuid: Array(0..<16), body: Array("v1".utf8))
            message.setStamp(stamp)
            if let ttl { message.properties[PropertyName.ttl] = String(ttl) }
            let fast = KVMessage.publishedFrames(
                key: message.key, sequence: 42, uuid: message.uuid, stamp: stamp, ttlSeconds: ttl, body: message.body)
            #expect(fast == message.encode())
            #expect(try Update.decode(fast) == .kvpub(message))
        }
        #expect(SequenceNumber.encode(0x0102_0304_0506_0708) == [1, 2, 3, 4, 5, 6, 7, 8])
    }
}
