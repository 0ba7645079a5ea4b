import TownModel
import TownStore

/// The indicator model's running state inside the engine: indicator aggregates and the
/// validation-rule violations currently standing. A value: a batch works on a copy that replaces
/// the engine's only once the batch has committed.
public struct ModelState: Sendable {
    public let schema: KeySchema
    public var indicators: IndicatorState
    /// subject -> its current violations
    public var violations: [String: Set<Violation>] = [:]
    var rules: ValidationRules { ValidationRules(schema: schema) }

    /// Builds the state from the store's current values (once, at start): one pass over the keys
    /// feeds the indicator aggregates and collects the rule subjects.
    public init(schema: KeySchema, values: [String: StoredValue]) {
        self.schema = schema
        var indicators = IndicatorState(schema: schema)
        var subjects: Set<String> = []
        for (key, value) in values where !value.isTombstone {
            guard let kind = try? schema.classify(key) else { continue }
            indicators.apply(kind, old: nil, new: value.version.text)
            if let subject = ValidationRules.subject(of: kind) { subjects.insert(subject) }
        }
        self.indicators = indicators
        let rules = ValidationRules(schema: schema)
        let live: (String) -> String? = { key in
            guard let value = values[key], !value.isTombstone else { return nil }
            return value.version.text
        }
        for subject in subjects {
            let found = rules.violations(subject: subject, text: live)
            if !found.isEmpty { violations[subject] = Set(found) }
        }
    }

    /// Every violation standing now.
    public var allViolations: [Violation] {
        violations.values.flatMap { $0 }.sorted { ($0.subject, $0.rule) < ($1.subject, $1.rule) }
    }
}
