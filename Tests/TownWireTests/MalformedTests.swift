import Testing
import TownMerge
import TownWire

/// Every malformed shape named in the protocol issue gives its typed error, never a crash.
@Suite struct MalformedTests {
    static let uuid: [UInt8] = Array(0..<16)
    static let seq: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0]
    static let props = Array("stamp=5.0\norigin=admin\n".utf8)

    static func kv(_ key: [UInt8] = Array("/a".utf8), _ sequence: [UInt8] = seq, _ uuid: [UInt8] = uuid, _ properties: [UInt8] = props, _ body: [UInt8] = Array("1".utf8)) -> [[UInt8]] {
        [key, sequence, uuid, properties, body]
    }

    static let cases: [(String, [[UInt8]], WireChannel, WireError)] = [
        ("four frames", Array(kv().prefix(4)), .collector, .wrongFrameCount(expected: 5, got: 4)),
        ("six frames", kv() + [[]], .submitRequest, .wrongFrameCount(expected: 5, got: 6)),
        ("no frames", [], .update, .wrongFrameCount(expected: 5, got: 0)),
        ("ICANHAZ with 3 frames", [Array("ICANHAZ?".utf8), [], []], .snapshotRequest, .wrongFrameCount(expected: 2, got: 3)),
        ("wrong command on snapshot", [Array("GIMME".utf8), []], .snapshotRequest, .unexpectedCommand("GIMME")),
        ("bad subtree", [Array("ICANHAZ?".utf8), Array("village".utf8)], .snapshotRequest, .subtreeInvalid("village")),
        ("short sequence", kv(Array("/a".utf8), [0, 0, 0, 1]), .collector, .sequenceLength(4)),
        ("long sequence", kv(Array("/a".utf8), [UInt8](repeating: 0, count: 9)), .collector, .sequenceLength(9)),
        ("uuid of 15 bytes", kv(Array("/a".utf8), seq, Array(0..<15)), .collector, .uuidLength(15)),
        ("uuid of 17 bytes", kv(Array("/a".utf8), seq, Array(0..<17)), .update, .uuidLength(17)),
        ("properties not UTF-8", kv(Array("/a".utf8), seq, uuid, [0x61, 0x3D, 0xFF, 0x0A]), .collector, .propertiesNotUTF8),
        ("property line without =", kv(Array("/a".utf8), seq, uuid, Array("stamp\n".utf8)), .collector, .propertyLineMalformed("stamp")),
        ("blank property line", kv(Array("/a".utf8), seq, uuid, Array("a=1\n\n".utf8)), .collector, .propertyLineMalformed("")),
        ("empty property name", kv(Array("/a".utf8), seq, uuid, Array("=1\n".utf8)), .collector, .propertyNameInvalid("")),
        ("duplicate property", kv(Array("/a".utf8), seq, uuid, Array("ttl=1\nttl=2\n".utf8)), .collector, .duplicateProperty("ttl")),
        ("control char in value", kv(Array("/a".utf8), seq, uuid, Array("a=x\ry\n".utf8)), .collector, .propertyValueInvalid(name: "a", value: "x\ry")),
        ("empty key", kv([]), .collector, .emptyKey),
        ("key not UTF-8", kv([0x2F, 0xC3, 0x28]), .collector, .keyNotUTF8),
        ("key not starting with /", kv(Array("village/luli".utf8)), .collector, .keyNotAbsolute("village/luli")),
        ("command key on the collector", kv(Array("HUGZ".utf8)), .collector, .keyNotAbsolute("HUGZ")),
        ("key of 256 bytes", kv(Array(("/" + String(repeating: "k", count: 255)).utf8)), .collector, .keyTooLong(256)),
        ("key with a newline", kv(Array("/a\nb".utf8)), .collector, .keyControlCharacter("/a\nb")),
        ("key with NUL", kv([0x2F, 0x00]), .collector, .keyControlCharacter("/\u{0}")),
        ("body over 64 KiB", kv(Array("/a".utf8), seq, uuid, props, [UInt8](repeating: 1, count: 65_537)), .collector, .bodyTooLarge(size: 65_537, limit: 65_536)),
        ("submit without uuid", kv(Array("/a".utf8), seq, []), .submitRequest, .missingUUID),
        ("submit with sequence", kv(Array("/a".utf8), [0, 0, 0, 0, 0, 0, 0, 1]), .submitRequest, .nonZeroSequence(1)),
        ("submit without stamp", kv(Array("/a".utf8), seq, uuid, []), .submitRequest, .missingProperty("stamp")),
        ("submit without origin", kv(Array("/a".utf8), seq, uuid, Array("stamp=5.0\n".utf8)), .submitRequest, .missingProperty("origin")),
        ("submit with a bad ttl", kv(Array("/a".utf8), seq, uuid, Array("stamp=5.0\norigin=a\nttl=-1\n".utf8)), .submitRequest, .propertyValueInvalid(name: "ttl", value: "-1")),
        ("reply without status", kv(Array("/a".utf8), seq, uuid, Array("clock=1.0\n".utf8)), .submitReply, .missingProperty("status")),
        ("reply with unknown status", kv(Array("/a".utf8), seq, uuid, Array("status=maybe\nclock=1.0\n".utf8)), .submitReply, .propertyValueInvalid(name: "status", value: "maybe")),
        ("reply with unknown reason", kv(Array("/a".utf8), seq, uuid, Array("status=rejected\nreason=nope\nclock=1.0\n".utf8)), .submitReply, .propertyValueInvalid(name: "reason", value: "nope")),
        ("event with one frame", [Array("x".utf8)], .event, .wrongFrameCount(expected: 2, got: 1)),
        ("event with empty kind", [[], Array("{}".utf8)], .event, .eventKindInvalid),
        ("event body not an object", [Array("daemon.started".utf8), Array("[1]".utf8)], .event, .eventNotJSONObject),
    ]

    @Test func everyMalformedShapeHasItsError() {
        for (name, frames, channel, expected) in Self.cases {
            #expect(throws: expected, "\(name)") { try WireMessage.decode(frames, channel: channel) }
        }
    }

    @Test func aBadStampIsAnInvalidProperty() {
        let frames = Self.kv(Array("/a".utf8), Self.seq, Self.uuid, Array("stamp=05.0\norigin=a\n".utf8))
        let error = #expect(throws: WireError.self) { try SubmitRequest.decode(frames) }
        guard case .propertyValueInvalid(let name, _) = error else {
            Issue.record("expected propertyValueInvalid, got \(String(describing: error))")
            return
        }
        #expect(name == "stamp")
    }

    @Test func theBodyLimitIsConfigurable() throws {
        let frames = Self.kv(Array("/a".utf8), Self.seq, Self.uuid, Self.props, [UInt8](repeating: 1, count: 100))
        #expect(throws: WireError.bodyTooLarge(size: 100, limit: 10)) {
            try KVMessage.decode(frames, limits: WireLimits(maximumBodyBytes: 10))
        }
        #expect(try KVMessage.decode(frames, limits: WireLimits(maximumBodyBytes: 100)).body.count == 100)
    }

    @Test func errorsReadWell() {
        #expect(WireError.keyTooLong(300).description == "key is 300 bytes, at most 255 allowed")
        #expect(WireError.wrongFrameCount(expected: 5, got: 3).description == "expected 5 frames, got 3")
    }
}
