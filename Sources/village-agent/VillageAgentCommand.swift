import ArgumentParser

@main
struct VillageAgentCommand: ParsableCommand {
    static let version = "village-agent 0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "village-agent",
        abstract: "The TownSync village office agent: records figures offline and delivers them to the town.",
        discussion: """
            Figures you enter are kept on this PC at once (they survive a power cut) and delivered \
            when the town answers. Settings come from flags, then the config file (--config, or \
            /etc/village-agent/agent.toml), then defaults.

            Examples:
              village-agent report income --village luli --year 2023 --collective 215万 --operating 820000
              village-agent report project --village luli hall-xuenei --status in_use --progress 100
              village-agent import --village luli figures.csv
              village-agent sync --village luli
              village-agent status --village luli
            """,
        version: version,
        subcommands: [ReportCommand.self, ImportCommand.self, SyncCommand.self, RunCommand.self, StatusCommand.self,
                      ClearFailedCommand.self]
    )
}
