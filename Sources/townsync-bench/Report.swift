import Foundation

/// The readable table and the JSON lines.
enum Report {
    static func printJSON(_ result: BenchResult) {
        let data = try! JSONSerialization.data(withJSONObject: result.jsonObject(), options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
        fflush(nil)
    }

    static func printTable(_ results: [BenchResult], settings: BenchSettings) {
        print("townsync-bench\(settings.quick ? " --quick" : ""): \(ProcessInfo.processInfo.activeProcessorCount) cores, \(settings.seconds) s per load")
        for line in tableLines(results) { print(line) }
    }

    /// One finished scenario's rows on standard error, as it finishes: a long run shows its
    /// progress, and what was measured survives a later scenario that fails.
    static func printProgress(_ result: BenchResult) {
        let text = tableLines([result]).dropFirst().map { "townsync-bench:   " + $0 + "\n" }.joined()
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func tableLines(_ results: [BenchResult]) -> [String] {
        var rows: [[String]] = [["scenario", "figure", "value", "ceiling", "ratio"]]
        for result in results {
            for figure in result.figures {
                var ceiling = ""
                var ratio = ""
                if let reference = figure.ceiling {
                    ceiling = "\(format(reference.value)) (\(reference.name))"
                    ratio = reference.value > 0 ? String(format: "%.2f", figure.value / reference.value) : "-"
                }
                rows.append([result.scenario, figure.label, "\(format(figure.value)) \(figure.unit)", ceiling, ratio])
            }
            for note in result.notes { rows.append([result.scenario, "note: " + note, "", "", ""]) }
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
    }

    static func format(_ value: Double) -> String {
        if value >= 1000 { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.3f", value)
    }
}
