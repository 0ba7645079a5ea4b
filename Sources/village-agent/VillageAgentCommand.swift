import ArgumentParser

@main
struct VillageAgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "village-agent",
        abstract: "The TownSync village office agent: records figures offline and delivers them to townd.",
        discussion: "Not yet available: the agent lands with issue 7 (see README.md)."
    )

    func run() throws {
        print("village-agent: not yet implemented; see README.md")
    }
}
