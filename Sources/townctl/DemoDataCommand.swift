import ArgumentParser
import Foundation
import TownModel

struct DemoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-data",
        abstract: "Print the SYNTHETIC demo data set as CSV (for Scripts/demo and for trying TownSync out).",
        discussion: """
            The per-village figures are invented so that the derived 2023 indicators reproduce the \
            town's published totals exactly (see docs/MODEL.md); the town's figures and targets are \
            the 2023 work summary's.
            Examples:
              townctl demo-data town > town.csv && townctl import town.csv
              townctl demo-data village luli > luli.csv && village-agent import --village luli luli.csv
            """)
    enum Part: String, ExpressibleByArgument { case town, village }
    @Argument(help: "town (key,value for townctl import) or village (income CSV for village-agent import).") var part: Part
    @Argument(help: "The village id, for `village`.") var village: String?

    func run() throws {
        FileHandle.standardError.write(Data("townctl: synthetic demo data (docs/MODEL.md)\n".utf8))
        switch part {
        case .town:
            print("key,value")
            for write in DemoDataSet.townWrites() {
                print("\(write.key),\(write.value.contains(",") ? "\"\(write.value)\"" : write.value)")
            }
        case .village:
            guard let village, let row = DemoDataSet.villageFigures.first(where: { $0.0 == village }) else {
                throw ValidationError("give a village id of the registry (e.g. luli)")
            }
            print("year,collective_income,operating_income")
            print("2022,\(row.1),\(row.2)")
            print("2023,\(row.3),\(row.4)")
        }
    }
}
