import ArgumentParser
import Foundation
import TownAdmin
import TownModel
import TownStore

struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Print a key's value (exit 3 when absent).",
        discussion: "Example: townctl get /indicator/2023/village_collective_income_total")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The key.") var key: String
    @Flag(help: "Also print the stamp, origin and sequence.") var verbose = false

    func run() throws {
        try runReportingErrors {
            let snapshot = try options.session().snapshot()
            guard let message = snapshot.values[key] else { throw AdminError.notFound("\(key) is not set") }
            let value = String(decoding: message.body, as: UTF8.self)
            if verbose, let stamp = try? message.stamp() {
                print("\(value)\tstamp \(stamp.text) by \(stamp.origin), sequence \(message.sequence)")
            } else {
                print(value)
            }
        }
    }
}

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ls", abstract: "List the keys under a prefix with their values (from a snapshot).",
        discussion: "Example: townctl ls /village/luli/")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The prefix (a subtree such as /village/luli/, or any key prefix).") var prefix: String = "/"

    func run() throws {
        try runReportingErrors {
            let subtree = prefix.hasSuffix("/") ? prefix : ""
            let values = try options.session().snapshot(subtree == "/" ? "" : subtree).values
            let rows = values.keys.filter { $0.hasPrefix(prefix) }.sorted().map { key -> [String] in
                let message = values[key]!
                let origin = ((try? message.stamp()) ?? nil)?.origin ?? ""
                return [key, String(decoding: message.body, as: UTF8.self), origin]
            }
            guard !rows.isEmpty else { throw AdminError.notFound("nothing under \(prefix)") }
            print(Terminal.table(header: ["key", "value", "by"], rows: rows))
        }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "The audit trail of a key: every outcome with stamp, origin, principal and status.",
        discussion: "Shows the latest 1,000 outcomes, oldest first. Reads townd's database, so run it where townd runs.\nExample: townctl history /village/luli/2023/collective_income --data-dir /var/lib/townd")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The key.") var key: String
    @Flag(help: "JSON lines.") var json = false

    func run() throws {
        try runReportingErrors {
            let path = options.dataDir + "/townd.sqlite"
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw AdminError.input("cannot read \(path): give --data-dir (history is read from townd's database)")
            }
            let entries: [HistoryEntry]
            do {
                entries = try Store(path: path).history(forKey: key)
            } catch {
                throw AdminError.input("\(error)")
            }
            guard !entries.isEmpty else { throw AdminError.notFound("no history for \(key)") }
            let terminal = options.terminal
            if json {
                for entry in entries {
                    let object: [String: Any?] = [
                        "at": LocalTimestamp.local(Date(timeIntervalSince1970: Double(entry.atMilliseconds) / 1000)),
                        "status": entry.status, "reason": entry.reason, "detail": entry.detail, "value": String(decoding: entry.body, as: UTF8.self),
                        "stamp": entry.stamp?.text, "origin": entry.stamp?.origin, "principal": entry.principal, "channel": entry.channel,
                    ]
                    let data = try JSONSerialization.data(withJSONObject: object.compactMapValues { $0 }, options: [.sortedKeys])
                    print(String(decoding: data, as: UTF8.self))
                }
                return
            }
            let rows = entries.map { entry -> [String] in
                let status = entry.status == "applied" ? terminal.green(entry.status)
                    : entry.status == "rejected" ? terminal.red(entry.status) : entry.status
                return [
                    LocalTimestamp.local(Date(timeIntervalSince1970: Double(entry.atMilliseconds) / 1000)), status,
                    String(decoding: entry.body, as: UTF8.self), entry.stamp?.text ?? "-", entry.stamp?.origin ?? "-",
                    entry.principal, [entry.reason, entry.detail].compactMap { $0 }.joined(separator: ": "),
                ]
            }
            print(Terminal.table(header: ["time", "status", "value", "stamp", "origin", "principal", "why"], rows: rows))
        }
    }
}
