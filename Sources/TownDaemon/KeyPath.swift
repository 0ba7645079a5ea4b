/// A key split into its `/`-separated segments, with helpers for the key schema.
public struct KeyPath: Sendable, Equatable {
    public let segments: [Substring]

    public init(_ key: String) {
        // Split on the UTF-8 bytes: splitting on Characters was a visible cost per write.
        segments = key.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).dropFirst().map {
            Substring($0)
        }
    }

    public subscript(index: Int) -> String? {
        index < segments.count ? String(segments[index]) : nil
    }

    public var count: Int { segments.count }

    /// The village a key belongs to, read from the key's bytes without splitting it:
    /// `/village/<vid>/...`, `/agent/<vid>/...`, `/lock/<vid>/...`.
    public static func villageID(ofKey key: String) -> String? {
        var key = key
        return key.withUTF8 { utf8 in villageID(inKey: utf8).map { String(decoding: $0, as: UTF8.self) } }
    }

    /// ``villageID(ofKey:)`` as bytes of the key's own (every outcome event writes it).
    static func villageID(inKey utf8: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        for root in villageRoots where utf8.starts(with: root) {
            let rest = UnsafeBufferPointer(rebasing: utf8[root.count...])
            return UnsafeBufferPointer(rebasing: rest[..<(rest.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex)])
        }
        return nil
    }

    private static let villageRoots: [[UInt8]] = ["/village/", "/agent/", "/lock/"].map { Array($0.utf8) }

    /// The village a key belongs to: `/village/<vid>/...`, `/agent/<vid>/...`, `/lock/<vid>/...`.
    public var villageID: String? {
        guard count >= 2, let root = self[0], ["village", "agent", "lock"].contains(root) else { return nil }
        return self[1]
    }
}
