import ArgumentParser
import Foundation
import TownAdmin

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "The whole model (or one year's keys) for spreadsheets.",
        discussion: "Example: townctl export --format csv --year 2023 > sankui-2023.csv")
    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }
    @OptionGroup var options: TownctlOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Only keys of this year (and projects).") var year: Int?

    func run() throws {
        try runReportingErrors {
            let snapshot = try options.session().snapshot()
            let keys = snapshot.values.keys.sorted().filter { key in
                guard let year else { return true }
                return key.contains("/\(year)/") || key.hasSuffix("/\(year)") || key.hasPrefix("/project/")
            }
            let records = keys.map { key -> [String: String] in
                let message = snapshot.values[key]!
                let stamp = (try? message.stamp()) ?? nil
                return ["key": key, "value": String(decoding: message.body, as: UTF8.self), "stamp": stamp?.text ?? "",
                        "origin": stamp?.origin ?? "", "sequence": String(message.sequence)]
            }
            switch format {
            case .csv:
                print("key,value,stamp,origin,sequence")
                for record in records {
                    print(["key", "value", "stamp", "origin", "sequence"].map { CSVField.escape(record[$0]!) }.joined(separator: ","))
                }
            case .json:
                let data = try JSONSerialization.data(
                    withJSONObject: ["sequence": snapshot.sequence, "values": records] as [String: Any],
                    options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            }
        }
    }
}
