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

    /// The village a key belongs to, read from the key's bytes without splitting it (every
    /// outcome event asks): `/village/<vid>/...`, `/agent/<vid>/...`, `/lock/<vid>/...`.
    public static func villageID(ofKey key: String) -> String? {
        for root in ["/village/", "/agent/", "/lock/"] where key.utf8.starts(with: root.utf8) {
            let rest = key.utf8.dropFirst(root.utf8.count)
            let id = rest.prefix { $0 != UInt8(ascii: "/") }
            return String(Substring(id))
        }
        return nil
    }

    /// The village a key belongs to: `/village/<vid>/...`, `/agent/<vid>/...`, `/lock/<vid>/...`.
    public var villageID: String? {
        guard count >= 2, let root = self[0], ["village", "agent", "lock"].contains(root) else { return nil }
        return self[1]
    }
}
