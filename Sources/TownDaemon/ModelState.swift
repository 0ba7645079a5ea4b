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

    /// Builds the state from the store's current values (once, at start).
    public init(schema: KeySchema, values: [String: StoredValue]) {
        self.schema = schema
        let live = values.compactMapValues { $0.isTombstone ? nil : $0.version.text }
        indicators = IndicatorState.recompute(schema: schema, values: live)
        for violation in ValidationRules(schema: schema).all(values: live) {
            violations[violation.subject, default: []].insert(violation)
        }
    }

    /// Every violation standing now.
    public var allViolations: [Violation] {
        violations.values.flatMap { $0 }.sorted { ($0.subject, $0.rule) < ($1.subject, $1.rule) }
    }
}
