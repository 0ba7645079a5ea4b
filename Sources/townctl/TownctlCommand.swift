import ArgumentParser

@main
struct TownctlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "townctl",
        abstract: "The TownSync admin tool: events, indicators, corrections, locks, history and keys.",
        discussion: """
            Talks to townd over its sockets (host and base port as for townd); `history` and the last \
            event of `status` read townd's files (--data-dir). Exit status: 0 done, 1 townd did not \
            answer in time, 2 townd refused the write, 3 not found, 4 bad input, 64 usage.

            Examples:
              townctl indicators --year 2023
              townctl events --follow --kind submit.
              townctl set /village/luli/2023/collective_income 2100000
              townctl lock luli 2023
            """,
        version: "townctl 0.1.0",
        subcommands: [
            EventsCommand.self, IndicatorsCommand.self, GetCommand.self, ListCommand.self, HistoryCommand.self,
            SetCommand.self, DeleteCommand.self, LockCommand.self, UnlockCommand.self, ProjectCommand.self,
            StatusCommand.self, ExportCommand.self, ImportCommand.self, KeysCommand.self, DemoDataCommand.self,
        ]
    )
}
