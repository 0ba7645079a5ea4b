import ArgumentParser
import Foundation
import TownAgent
import TownModel

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import figures from a CSV file (UTF-8 or GB18030, as Excel writes it). All rows or none.",
        discussion: """
            Income files have the columns year, collective_income, operating_income \
            (or 年度, 集体经济收入, 经营性收入). Project files have project, status, \
            investment_completed, progress (or 项目, 状态, 完成投资, 进度). Amounts as in `report`.
            If any row is bad, nothing is imported and every bad row is listed with its line number.
            Example: village-agent import --village luli figures.csv
            """
    )
    @OptionGroup var options: AgentOptions
    @Argument(help: "The CSV file.") var file: String

    func run() throws {
        let settings = try options.resolved()
        guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
        let figures: [(key: String, value: String)]
        do {
            figures = try CSVImport(village: settings.village, schema: KeySchema()).figures(fromFileBytes: [UInt8](data))
        } catch {
            print("village-agent: \(file): \(error)")
            throw ExitCode(3)
        }
        let store = try options.openStore(settings)
        let entries = try store.enqueue(figures.map { ($0.key, $0.value, nil) })
        for entry in entries { print("saved  \(entry.key) = \(entry.value)") }
        print("imported \(entries.count) figures from \(file); they wait in the outbox until delivered")
    }
}
