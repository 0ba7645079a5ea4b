import ArgumentParser
import Foundation
import TownAgent
import TownModel

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "What waits, what was refused and why, and the town's figures beside yours. Works offline.",
        discussion: "Example: village-agent status --village luli"
    )
    @OptionGroup var options: AgentOptions

    func run() throws {
        let settings = try options.resolved()
        let store = try options.openStore(settings)
        let name = VillageRegistry.sankui.name(settings.village)
        print("\(name) (\(settings.village)) — village-agent status")
        if let contact = try store.lastContact() {
            print("last contact with the town: \(LocalTime.text(contact))")
        } else {
            print("last contact with the town: never")
        }
        if let ahead = try store.clockAheadMilliseconds(), ahead > 60_000 {
            print("warning: this PC's clock was found \(ahead / 60_000) minutes ahead of the town's; please set it right")
        }
        let pending = try store.outbox(state: .pending)
        let failed = try store.outbox(state: .failed)
        print("\noutbox: \(pending.count) waiting, \(failed.count) refused")
        for entry in pending {
            print("  waiting  \(entry.key) = \(entry.value)   entered \(LocalTime.text(entry.enteredAtMilliseconds))\(entry.restamped ? " (restamped)" : "")")
        }
        for entry in failed {
            print("  REFUSED  \(entry.key) = \(entry.value)   \(entry.reason ?? ""): \(entry.detail ?? "")")
        }
        let mirror = Dictionary(try store.mirror(prefix: "/village/\(settings.village)/").map { ($0.key, $0) }, uniquingKeysWith: { $1 })
        let delivered = try store.delivered()
        var latest: [String: DeliveredEntry] = [:]
        for entry in delivered.reversed() { latest[entry.key] = entry }
        let keys = Set(mirror.keys).union(pending.map(\.key)).union(latest.keys).filter { $0.hasPrefix("/village/") }.sorted()
        print("\nfigures (town = what the town holds; yours = last entered here)")
        let rows = keys.map { key -> [String] in
            let town = mirror[key].map { "\($0.value) by \($0.stamp?.origin ?? "?")" } ?? "-"
            let local = pending.last { $0.key == key }.map { "\($0.value) (waiting)" }
                ?? latest[key].map { "\($0.value) (\($0.status))" } ?? "-"
            return [String(key.dropFirst("/village/\(settings.village)/".count)), town, local]
        }
        print(TextTable.render(header: ["figure", "town", "yours"], rows: rows))
        let superseded = delivered.filter { $0.status == "superseded" }.prefix(10)
        if !superseded.isEmpty {
            print("\nsuperseded (the town kept a newer value):")
            for entry in superseded {
                print("  \(entry.key): yours \(entry.value), town's \(entry.townValue ?? "-")")
            }
        }
    }
}

/// Local time for people.
enum LocalTime {
    static func text(_ milliseconds: UInt64) -> String {
        var seconds = time_t(milliseconds / 1000)
        var parts = tm()
        localtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// Aligned text columns that account for wide (Chinese) characters.
enum TextTable {
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic || ($1.value >= 0xFF00 && $1.value <= 0xFF60) ? 2 : 1) }
    }

    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { width($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                cell + String(repeating: " ", count: widths[index] - width(cell))
            }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
    }
}
