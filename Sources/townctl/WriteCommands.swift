import Foundation
import ArgumentParser
import TownAdmin
import TownModel

struct SetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Write a value as admin (a correction is stamped after the value it corrects).",
        discussion: "Example: townctl set /village/luli/2023/collective_income 2100000")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The key.") var key: String
    @Argument(help: "The value.") var value: String

    func run() throws {
        try runReportingErrors {
            guard !value.isEmpty else { throw AdminError.input("an empty value deletes: use `townctl delete KEY`") }
            try report(try options.session().write([(key, value)]), terminal: options.terminal)
        }
    }
}

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a key as admin (a tombstone: older writes cannot bring it back).",
        discussion: "Example: townctl delete /project/old-pond/progress")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The key.") var key: String

    func run() throws {
        try runReportingErrors { try report(try options.session().write([(key, "")]), terminal: options.terminal) }
    }
}

struct LockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lock", abstract: "Lock an approved village year: further writes to it are refused.",
        discussion: "Example: townctl lock luli 2023")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The village id.") var village: String
    @Argument(help: "The year.") var year: Int

    func run() throws {
        try runReportingErrors {
            try report(try options.session().write([("/lock/\(village)/\(year)", "approved")]), terminal: options.terminal)
        }
    }
}

struct UnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock", abstract: "Unlock a village year.", discussion: "Example: townctl unlock luli 2023")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The village id.") var village: String
    @Argument(help: "The year.") var year: Int

    func run() throws {
        try runReportingErrors {
            try report(try options.session().write([("/lock/\(village)/\(year)", "")]), terminal: options.terminal)
        }
    }
}

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project", abstract: "Manage projects.", subcommands: [ProjectAddCommand.self])
}

struct ProjectAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Register a project (its village may then report its progress).",
        discussion: "Example: townctl project add hall-xuenei --name 薛内村文化礼堂 --village xuenei --category culture --planned 300万")
    @OptionGroup var options: TownctlOptions
    @Argument(help: "The project id (a-z, 0-9, _ and -).") var project: String
    @Option(help: "Its name.") var name: String
    @Option(help: "The village it belongs to (its office reports progress).") var village: String?
    @Option(help: "Its category.") var category: String?
    @Option(help: "Planned investment in yuan (300万 works).") var planned: String?

    func run() throws {
        try runReportingErrors {
            var pairs = [("/project/\(project)/name", name)]
            if let village { pairs.append(("/project/\(project)/village", village)) }
            if let category { pairs.append(("/project/\(project)/category", category)) }
            if let planned {
                do {
                    pairs.append(("/project/\(project)/investment_planned", String(try AmountParser.yuan(planned))))
                } catch {
                    throw AdminError.input("--planned: \(error)")
                }
            }
            try report(try options.session().write(pairs.map { (key: $0.0, value: $0.1) }), terminal: options.terminal)
        }
    }
}

