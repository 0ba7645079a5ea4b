import TownModel

/// Builds a ``ModelState`` from stored values streamed to it once at start (no second pass over
/// the values, no per-key lookups): village figures go straight into the aggregates, whose
/// village rule is then read from them; project keys, few, are kept for their rules.
struct ModelStateBuilder {
    let schema: KeySchema
    private var indicators: IndicatorState
    /// The live text of every project key, and the projects with a field a rule reads.
    private var projectTexts: [String: String] = [:]
    private var projectSubjects: Set<String> = []

    init(schema: KeySchema) {
        self.schema = schema
        indicators = IndicatorState(schema: schema)
    }

    /// Feeds one live value.
    mutating func add(key: String, body: [UInt8]) {
        guard let kind = try? schema.classify(key) else { return }
        let text = String(decoding: body, as: UTF8.self)
        _ = indicators.update(kind, old: nil, new: text)
        guard case .projectField = kind else { return }
        // Every field of a project is kept: a violation names the project's village too.
        projectTexts[key] = text
        if let subject = ValidationRules.subject(of: kind) { projectSubjects.insert(subject) }
    }

    /// The state, with every violation standing in the values fed.
    func finish() -> ModelState {
        let rules = ValidationRules(schema: schema)
        var violations: [String: Set<Violation>] = [:]
        for found in indicators.villagesWithOperatingAboveCollective() {
            let violation = rules.operatingAboveCollective(
                village: found.village, year: String(found.year), operating: found.operating, collective: found.collective)
            violations[violation.subject] = [violation]
        }
        for subject in projectSubjects {
            let found = rules.violations(subject: subject, text: { projectTexts[$0] })
            if !found.isEmpty { violations[subject] = Set(found) }
        }
        return ModelState(schema: schema, indicators: indicators, violations: violations)
    }
}
