import Testing
import TownTesting

@testable import TownModel

/// `KeySegments` finds the same parts as splitting the key's bytes at "/" into at most six parts,
/// empty parts kept (what the key schema used before).
@Suite struct KeySegmentsTests {
    static func split(_ key: String) -> [Substring] {
        key.utf8.split(separator: UInt8(ascii: "/"), maxSplits: 5, omittingEmptySubsequences: false).map { Substring($0) }
    }

    static func parts(_ key: String) -> [Substring] {
        let segments = KeySegments(key)
        return (0..<segments.count).map { segments[$0] }
    }

    @Test func knownKeys() {
        for key in [
            "", "/", "//", "/village/luli/2023/collective_income", "village", "/a/b/c/d/e/f/g/h", "/a/b/c/d/e/",
            "/村/卢梨/2023", "a//b", "/lock/luli/2023",
        ] {
            #expect(Self.parts(key) == Self.split(key), "\(key)")
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func randomKeysSplitAsBefore(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let pieces = ["/", "a", "bc", "村", "_", "/", "2023", "//"]
        for _ in 0..<2_000 {
            let key = (0..<Int(generator.next() % 14)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(Self.parts(key) == Self.split(key), "\(key)")
        }
    }
}
