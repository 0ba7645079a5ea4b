/// How an indicator's values are written and shown.
public enum IndicatorUnit: String, Codable, Sendable, CaseIterable {
    /// Integer yuan (元); shown in 万元 with two decimals.
    case yuan
    /// A percentage with two decimals (`27.59`).
    case percent
    /// A whole number of things (villages, enterprises, beds, projects).
    case count
    /// Area in mu (亩), up to two decimals.
    case mu
    /// Length in kilometres, up to two decimals.
    case km

    /// Decimal places a value may have.
    public var decimals: Int {
        switch self {
        case .yuan, .count: return 0
        case .percent, .mu, .km: return 2
        }
    }

    /// The unit's Chinese label for tables.
    public var labelZh: String {
        switch self {
        case .yuan: return "万元"
        case .percent: return "%"
        case .count: return "个"
        case .mu: return "亩"
        case .km: return "公里"
        }
    }
}
