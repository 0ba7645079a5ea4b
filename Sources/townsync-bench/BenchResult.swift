/// One scenario's figures, each optionally beside a ceiling measured in the same run.
struct BenchResult {
    struct Figure {
        var label: String
        var value: Double
        var unit: String
        /// The ceiling this figure is compared with, and its name.
        var ceiling: (name: String, value: Double)?
    }

    var scenario: String
    var figures: [Figure] = []
    var notes: [String] = []

    mutating func add(_ label: String, _ value: Double, _ unit: String, ceiling: (String, Double)? = nil) {
        figures.append(Figure(label: label, value: value, unit: unit, ceiling: ceiling.map { (name: $0.0, value: $0.1) }))
    }

    func jsonObject() -> [String: Any] {
        var object: [String: Any] = ["scenario": scenario]
        for figure in figures {
            object[figure.label] = figure.value
            if let ceiling = figure.ceiling {
                object["\(figure.label)_ceiling_\(ceiling.name)"] = ceiling.value
                object["\(figure.label)_ratio"] = ceiling.value > 0 ? figure.value / ceiling.value : 0
            }
        }
        if !notes.isEmpty { object["notes"] = notes }
        return object
    }
}
