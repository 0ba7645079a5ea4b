import ArgumentParser

@main
struct TownctlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "townctl",
        abstract: "The TownSync admin tool: events, indicators, corrections, locks and keys.",
        discussion: "Not yet available: townctl lands with issue 8 (see README.md)."
    )

    func run() throws {
        print("townctl: not yet implemented; see README.md")
    }
}
