import ArgumentParser
import Foundation
import TownAdmin
import TownModel

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Is townd answering; its sequence, keys, villages online, last event.",
        discussion: "Example: townctl status")
    @OptionGroup var options: TownctlOptions

    func run() throws {
        try runReportingErrors {
            let snapshot = try options.session().snapshot()
            let terminal = options.terminal
            print("townd at \(options.host):\(options.basePort): \(terminal.green("answering"))")
            print("sequence: \(snapshot.sequence)")
            print("keys: \(snapshot.values.count)")
            let online = snapshot.values.keys.filter { $0.hasPrefix("/agent/") && $0.hasSuffix("/presence") }
                .compactMap { $0.split(separator: "/").dropFirst().first.map(String.init) }.sorted()
            let registry = VillageRegistry.sankui
            print("villages online: \(online.count) of \(registry.villages.count)" + (online.isEmpty ? "" : ": " + online.map { registry.name($0) }.joined(separator: "、")))
            let offline = registry.villages.filter { !online.contains($0.id) }.map(\.nameZh)
            if !offline.isEmpty { print("not online: " + offline.joined(separator: "、")) }
            let log = options.dataDir + "/events.jsonl"
            if let follower = try? LogFollower(path: log), let last = try follower.readLines().last, let object = EventFilter.parse(last) {
                print("last event: " + EventFormatter(terminal: terminal).line(object))
            }
        }
    }
}
