import ArgumentParser
import Foundation
import TownAdmin
import TownModel

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Every catalog indicator with its value, target and progress, and the rule violations.",
        discussion: "Money is shown in 万元 with two decimals.\nExample: townctl indicators --year 2024")
    @OptionGroup var options: TownctlOptions
    @Option(help: "The year. Default: the current year.") var year: Int?
    @Flag(help: "JSON output.") var json = false
    @Flag(help: "CSV output.") var csv = false

    func run() throws {
        try runReportingErrors {
            let values = try options.session().values()
            let year = year ?? Calendar.current.component(.year, from: Date())
            let report = IndicatorReport(schema: KeySchema(), values: values, year: year)
            if json {
                print(IndicatorOutput.json(report))
            } else if csv {
                print(IndicatorOutput.csv(report), terminator: "")
            } else {
                print(IndicatorOutput.table(report, terminal: options.terminal))
            }
        }
    }
}

/// The three renderings of an indicator report.
enum IndicatorOutput {
    static func table(_ report: IndicatorReport, terminal: Terminal) -> String {
        let rows = report.rows.map { row -> [String] in
            let unit = row.indicator.unit
            let progress = row.progress.map { "\($0.text)% " + Terminal.bar(percent: Double($0.units) / 100, width: 10) } ?? ""
            return [
                row.indicator.nameZh, row.indicator.nameEn, Money.display(row.value, unit: unit), unit.labelZh,
                Money.display(row.target, unit: unit).replacingOccurrences(of: "-", with: ""), progress,
            ]
        }
        var text = terminal.bold("\(report.year) 年指标 / indicators") + "\n"
        text += Terminal.table(header: ["指标", "indicator", "value", "unit", "target", "progress"], rows: rows, rightAligned: [2, 4])
        if !report.violations.isEmpty {
            text += "\n\n" + terminal.red("validation rules broken (校验规则):") + "\n"
            text += report.violations.map { "  - \($0.rule): \($0.detail)" }.joined(separator: "\n")
        }
        return text
    }

    static func csv(_ report: IndicatorReport) -> String {
        var text = "year,id,name_zh,name_en,unit,value,target,progress_pct\n"
        for row in report.rows {
            let fields = [String(report.year), row.indicator.id, row.indicator.nameZh, row.indicator.nameEn, row.indicator.unit.rawValue,
                          row.value ?? "", row.target ?? "", row.progress?.text ?? ""]
            text += fields.map(CSVField.escape).joined(separator: ",") + "\n"
        }
        return text
    }

    static func json(_ report: IndicatorReport) -> String {
        let rows: [[String: Any]] = report.rows.map { row in
            var object: [String: Any] = [
                "year": report.year, "id": row.indicator.id, "name_zh": row.indicator.nameZh, "name_en": row.indicator.nameEn,
                "unit": row.indicator.unit.rawValue,
            ]
            if let value = row.value { object["value"] = value }
            if let target = row.target { object["target"] = target }
            if let progress = row.progress { object["progress_pct"] = progress.text }
            return object
        }
        let violations = report.violations.map { ["rule": $0.rule, "key": $0.subject, "detail": $0.detail] }
        let document: [String: Any] = ["year": report.year, "indicators": rows, "violations": violations]
        let data = try! JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

enum CSVField {
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
