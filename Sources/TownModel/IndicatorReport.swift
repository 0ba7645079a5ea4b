/// The indicator table for a year, computed from a map of values (a snapshot, or the daemon's).
public struct IndicatorReport: Sendable {
    public let year: Int
    public let rows: [IndicatorRow]
    public let violations: [Violation]

    public init(schema: KeySchema, values: [String: String], year: Int) {
        self.year = year
        let state = IndicatorState.recompute(schema: schema, values: values)
        rows = schema.catalog.indicators.map { indicator in
            let ref = IndicatorRef(year: year, id: indicator.id)
            let value = values[ref.key] ?? state.value(of: ref)
            let target = state.target(indicator.id, year: year)
            var progress: FixedDecimal?
            if let target, target.units > 0 {
                let current = value.flatMap { FixedDecimal(parsing: $0, decimals: indicator.unit.decimals) }
                    ?? FixedDecimal(units: 0, decimals: indicator.unit.decimals)
                progress = FixedDecimal.percent(current.units, over: target.units)
            }
            return IndicatorRow(indicator: indicator, year: year, value: value, target: target?.text, progress: progress)
        }
        violations = ValidationRules(schema: schema).all(values: values).filter { violation in
            violation.subject.hasPrefix("/project/") || violation.subject.hasSuffix("/\(year)/")
        }
    }
}
