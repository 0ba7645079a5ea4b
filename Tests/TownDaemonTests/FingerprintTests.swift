import Testing
import TownMerge
import TownTesting

@testable import TownDaemon

/// A write's fingerprint is stored with its uuid, so a resend after an upgrade must still match:
/// it stays FNV-1a over key, "<stamp>@<origin>", the ttl's text and the body, each field closed
/// by 0xFF (the definition it was first stored with, computed here the plain way).
@Suite struct FingerprintTests {
    static func reference(_ write: IncomingWrite) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ bytes: [UInt8]) {
            for byte in bytes + [0xFF] {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        mix(Array(write.key.utf8))
        mix(Array((write.stamp.map { "\($0.wallMilliseconds).\($0.counter)@\($0.origin)" } ?? "").utf8))
        mix(Array((write.ttlSeconds.map { String($0) } ?? "").utf8))
        mix(write.body)
        return hash
    }

    @Test(arguments: 0..<4) func fingerprintsKeepTheirStoredDefinition(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for n in 0..<1_000 {
            let stamp = Int.random(in: 0..<4, using: &random) == 0
                ? nil
                : Stamp(
                    wallMilliseconds: UInt64.random(in: 0...1_800_000_000_000, using: &random),
                    counter: UInt32.random(in: 0...70_000, using: &random), origin: n % 2 == 0 ? "village:luli" : "admin")
            let write = IncomingWrite(
                key: "/village/v\(n)/2023/collective_income", uuid: [], stamp: stamp,
                ttlSeconds: n % 3 == 0 ? UInt32(n) : nil,
                body: Array(String(Int.random(in: 0...9_999_999, using: &random)).utf8), principal: .admin, channel: .submit)
            #expect(write.fingerprint == Self.reference(write))
        }
    }

    /// The digits at the edges: zeros, powers of ten, the largest wall time, counter and ttl.
    @Test func edgeNumbersKeepTheirStoredDefinition() {
        let walls: [UInt64] = [0, 1, 9, 10, 100, 1_000_000_000_000, 999_999_999_999_999, UInt64(Int64.max), .max]
        let counters: [UInt32] = [0, 1, 10, 65_535, .max]
        let ttls: [UInt32?] = [nil, 0, 9, 10, .max]
        for wall in walls {
            for counter in counters {
                for ttl in ttls {
                    let write = IncomingWrite(
                        key: "/k", uuid: [], stamp: Stamp(wallMilliseconds: wall, counter: counter, origin: "admin"),
                        ttlSeconds: ttl, body: [0x31], principal: .admin, channel: .submit)
                    #expect(write.fingerprint == Self.reference(write), "wall \(wall), counter \(counter), ttl \(String(describing: ttl))")
                }
            }
        }
    }
}
