import TownModel
import TownStore

/// The indicator model's running state inside the engine: indicator aggregates and the
/// validation-rule violations currently standing. A value: a batch takes it, changes it in place
/// and gives it back when decided; a failed commit rebuilds it from the committed values.
public struct ModelState: Sendable {
    public let schema: KeySchema
    public var indicators: IndicatorState
    /// subject -> its current violations
    public var violations: [String: Set<Violation>] = [:]
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
        self.violations = violations
    }

    /// Every violation standing now.
    public var allViolations: [Violation] {
        violations.values.flatMap { $0 }.sorted { ($0.subject, $0.rule) < ($1.subject, $1.rule) }
    }
}
