import Foundation
import TownModel

/// One event line for people: local time, kind, village name, what happened.
public struct EventFormatter: Sendable {
    public let villages: VillageRegistry
    public let terminal: Terminal

    public init(villages: VillageRegistry = .sankui, terminal: Terminal) {
        self.villages = villages
        self.terminal = terminal
    }

    public func line(_ object: [String: Any]) -> String {
        let kind = object["kind"] as? String ?? "?"
        let time = (object["ts"] as? String).flatMap(LocalTimestamp.fromRFC3339) ?? (object["ts"] as? String ?? "")
        let village = (object["village"] as? String).map { villages.name($0) } ?? ""
        var what: [String] = []
        if let key = object["key"] as? String {
            var text = key
            if let value = object["value"] as? String { text += " = \(value.isEmpty ? "(deleted)" : value)" }
            what.append(text)
        }
        if let winner = object["winner"] as? String { what.append("town keeps \(winner)") }
        if let reason = object["reason"] as? String { what.append(terminal.red(reason)) }
        if let detail = object["detail"] as? String, kind != "submit.superseded" { what.append(detail) }
        if let principal = object["principal"] as? String { what.append(terminal.dim("by \(principal)")) }
        if what.isEmpty {
            let skip: Set<String> = ["ts", "kind"]
            what = object.keys.filter { !skip.contains($0) }.sorted().map { "\($0)=\(object[$0]!)" }
        }
        let painted: String
        switch kind {
        case "submit.rejected", "storage.error", "auth.denied", "validation.violation": painted = terminal.red(kind)
        case "submit.superseded", "merge.anomaly", "agent.offline": painted = terminal.yellow(kind)
        case "submit.applied", "agent.online", "indicator.changed": painted = terminal.green(kind)
        default: painted = kind
        }
        return [time, Terminal.pad(painted, 20), Terminal.pad(village, 10), what.joined(separator: "  ")].joined(separator: "  ")
    }
}

/// RFC 3339 (UTC) to local time for display, and back for `--since`.
public enum LocalTimestamp {
    public static func date(_ text: String) -> Date? {
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return parser.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    public static func fromRFC3339(_ text: String) -> String? {
        guard let date = date(text) else { return nil }
        return local(date)
    }

    public static func local(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// `--since`: RFC 3339, `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (local), or `10m`, `2h`, `1d` ago.
    public static func since(_ text: String, now: Date = Date()) -> Date? {
        if let date = date(text) { return date }
        if let last = text.last, let amount = Double(text.dropLast()), "smhd".contains(last) {
            let unit: Double = ["s": 1, "m": 60, "h": 3600, "d": 86400][String(last)]!
            return now.addingTimeInterval(-amount * unit)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
