import ArgumentParser

@main
struct TowndCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "townd",
        abstract: "The TownSync town daemon: keeps the indicator model and publishes every change.",
        discussion: "Not yet serving: the daemon lands with issue 5 (see README.md)."
    )

    func run() throws {
        print("townd: not yet implemented; see README.md")
    }
}
