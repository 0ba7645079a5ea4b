/// One line of the indicator table: an indicator in a year with its value, target and progress.
public struct IndicatorRow: Sendable, Equatable {
    public var indicator: IndicatorDefinition
    public var year: Int
    /// The value as published (nil when it cannot be computed yet).
    public var value: String?
    /// The target in force (the `/target/` key, else the catalog's).
    public var target: String?
    /// value / target in percent, two decimals; 0 when there is a target and no value yet.
    public var progress: FixedDecimal?
}
