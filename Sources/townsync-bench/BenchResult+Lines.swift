extension BenchResult {
    /// The result as tab-separated lines (`scenario`, then `figure` and `note` lines), every
    /// number in full: how a fan-out child process hands its result to the parent.
    func lines() -> [String] {
        func clean(_ text: String) -> String {
            String(text.map { $0 == "\t" || $0 == "\n" ? " " : $0 })
        }
        var lines = ["scenario\t\(clean(scenario))"]
        for figure in figures {
            var line = "figure\t\(clean(figure.label))\t\(figure.value)\t\(clean(figure.unit))"
            if let ceiling = figure.ceiling { line += "\t\(clean(ceiling.name))\t\(ceiling.value)" }
            lines.append(line)
        }
        for note in notes { lines.append("note\t\(clean(note))") }
        return lines
    }

    /// A result from ``lines()`` (other lines are skipped); nil without a `scenario` line.
    init?(lines: some Sequence<Substring>) {
        var result: BenchResult?
        for line in lines {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            switch fields.first {
            case "scenario" where fields.count == 2:
                result = BenchResult(scenario: fields[1])
            case "figure" where fields.count == 4 || fields.count == 6:
                guard let value = Double(fields[2]) else { continue }
                let ceiling = fields.count == 6 ? Double(fields[5]).map { (fields[4], $0) } : nil
                result?.add(fields[1], value, fields[3], ceiling: ceiling)
            case "note" where fields.count == 2:
                result?.notes.append(fields[1])
            default:
                continue
            }
        }
        guard let result else { return nil }
        self = result
    }
}
