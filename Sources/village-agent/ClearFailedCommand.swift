import ArgumentParser
import TownAgent

struct ClearFailedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clear-failed",
        abstract: "Remove entries the town refused, once you have read why (see status).",
        discussion: "Example: village-agent clear-failed --village luli"
    )
    @OptionGroup var options: AgentOptions

    func run() throws {
        let settings = try options.resolved()
        let removed = try options.openStore(settings).clearFailed()
        print("removed \(removed) refused entries")
    }
}
