import Foundation

/// Which events to show: a village, a kind prefix, a start time.
public struct EventFilter: Sendable {
    public var village: String?
    public var kindPrefix: String?
    public var since: Date?

    public init(village: String? = nil, kindPrefix: String? = nil, since: Date? = nil) {
        self.village = village
        self.kindPrefix = kindPrefix
        self.since = since
    }

    public func accepts(_ object: [String: Any]) -> Bool {
        if let village, object["village"] as? String != village { return false }
        if let kindPrefix, !(object["kind"] as? String ?? "").hasPrefix(kindPrefix) { return false }
        if let since {
            guard let ts = object["ts"] as? String, let date = LocalTimestamp.date(ts), date >= since else { return false }
        }
        return true
    }

    /// Parses one JSON line; nil when it is not a JSON object.
    public static func parse(_ line: some Collection<UInt8>) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    }
}
