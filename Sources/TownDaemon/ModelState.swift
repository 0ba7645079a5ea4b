import TownModel
import TownStore

/// The indicator model's running state inside the engine: indicator aggregates and the
/// validation-rule violations currently standing. A value: a batch takes it, changes it in place
/// and gives it back when decided; a failed commit rebuilds it from the committed values.
public struct ModelState: Sendable {
    public let schema: KeySchema
    public var indicators: IndicatorState
    /// subject -> its current violations
    public private(set) var violations: [String: Set<Violation>] = [:]
    /// The village subjects among them, so a write whose village keeps the rule (nearly all) is
    /// checked from the aggregates without building its subject's text.
    private(set) var villagesInViolation: Set<VillageYear> = []
    var rules: ValidationRules { ValidationRules(schema: schema) }

    /// Builds the state from the store's current values (tombstones are skipped).
    public init(schema: KeySchema, values: some Sequence<StoredValue>) {
        var builder = ModelStateBuilder(schema: schema)
        for value in values where !value.isTombstone { builder.add(key: value.key, body: value.version.body) }
        self = builder.finish()
    }

    init(schema: KeySchema, indicators: IndicatorState, violations: [String: Set<Violation>]) {
        self.schema = schema
        self.indicators = indicators
        for (subject, found) in violations { setViolations(found, subject: subject) }
    }

    /// Records the violations now standing for a subject (none: the subject is clear).
    mutating func setViolations(_ found: Set<Violation>, subject: String) {
        violations[subject] = found.isEmpty ? nil : found
        guard let village = VillageYear(subject: subject, registry: schema.villages) else { return }
        if found.isEmpty { villagesInViolation.remove(village) } else { villagesInViolation.insert(village) }
    }

    /// Every violation standing now.
    public var allViolations: [Violation] {
        violations.values.flatMap { $0 }.sorted { ($0.subject, $0.rule) < ($1.subject, $1.rule) }
    }
}
