import ArgumentParser
import TownAgent
import TownModel

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Enter figures; they go into the outbox at once, with or without a link to the town.",
        subcommands: [IncomeReport.self, ProjectReport.self]
    )
}

struct IncomeReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "income",
        abstract: "The village's collective-economy income and operating income for a year.",
        discussion: """
            Amounts in yuan, written as you like: 2150000, 2,150,000, 215万, 1.2亿.
            Example: village-agent report income --village luli --year 2023 --collective 215万 --operating 820000
            """
    )
    @OptionGroup var options: AgentOptions
    @Option(help: "The year the figures are for.") var year: Int
    @Option(help: "Collective-economy income (村级集体经济收入).") var collective: String?
    @Option(help: "Operating income (经营性收入).") var operating: String?

    func run() throws {
        let settings = try options.resolved()
        guard collective != nil || operating != nil else { throw ValidationError("give --collective and/or --operating") }
        var figures: [(key: String, value: String, ttl: UInt32?)] = []
        for (field, text) in [("collective_income", collective), ("operating_income", operating)] {
            guard let text else { continue }
            let amount: Int64
            do { amount = try AmountParser.yuan(text) } catch { throw ValidationError("--\(field == "collective_income" ? "collective" : "operating"): \(error)") }
            figures.append(("/village/\(settings.village)/\(year)/\(field)", String(amount), nil))
        }
        try Entry.check(figures, settings: settings)
        let store = try options.openStore(settings)
        for entry in try store.enqueue(figures) {
            print("saved  \(entry.key) = \(entry.value)  (stamp \(entry.stamp.text); waiting to be delivered)")
        }
    }
}

struct ProjectReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Progress of a project registered to this village.",
        discussion: """
            Status is one of: planned, under_construction, main_structure_done, completed, in_use, suspended.
            Example: village-agent report project --village xuenei hall-xuenei --status in_use --completed 350万 --progress 100
            """
    )
    @OptionGroup var options: AgentOptions
    @Argument(help: "The project id, as the town registered it.") var project: String
    @Option(help: "The project's status.") var status: String?
    @Option(help: "Investment completed, in yuan (350万 works).") var completed: String?
    @Option(help: "Progress in percent, 0 to 100.") var progress: String?

    func run() throws {
        let settings = try options.resolved()
        var figures: [(key: String, value: String, ttl: UInt32?)] = []
        if let status { figures.append(("/project/\(project)/status", status, nil)) }
        if let completed {
            do {
                figures.append(("/project/\(project)/investment_completed", String(try AmountParser.yuan(completed)), nil))
            } catch {
                throw ValidationError("--completed: \(error)")
            }
        }
        if var progress {
            if progress.hasSuffix("%") { progress.removeLast() }
            figures.append(("/project/\(project)/progress", progress, nil))
        }
        guard !figures.isEmpty else { throw ValidationError("give at least one of --status, --completed, --progress") }
        try Entry.check(figures, settings: settings)
        let store = try options.openStore(settings)
        for entry in try store.enqueue(figures) {
            print("saved  \(entry.key) = \(entry.value)  (stamp \(entry.stamp.text); waiting to be delivered)")
        }
    }
}

/// Checks entries against the key schema before they go in the outbox, so a typo is caught at the
/// keyboard rather than refused by the town later.
enum Entry {
    static func check(_ figures: [(key: String, value: String, ttl: UInt32?)], settings: AgentConfiguration) throws {
        let schema = KeySchema()
        for figure in figures {
            do {
                _ = try schema.validate(key: figure.key, body: Array(figure.value.utf8))
            } catch {
                throw ValidationError(error.detail)
            }
        }
    }
}
