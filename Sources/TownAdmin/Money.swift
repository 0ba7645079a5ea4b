import TownModel

/// Formats figures for people: yuan in 万元 with two decimals, others as their unit says.
public enum Money {
    /// 2150000 -> "215.00"; nil when not a whole number of yuan.
    public static func wan(_ yuanText: String) -> String? {
        guard let yuan = Int64(yuanText) else { return nil }
        let hundredths = (yuan * 100 + (yuan >= 0 ? 5_000 : -5_000)) / 10_000  // round to 0.01 万元
        let sign = hundredths < 0 ? "-" : ""
        let magnitude = hundredths.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A value in its unit for a table.
    public static func display(_ value: String?, unit: IndicatorUnit) -> String {
        guard let value else { return "-" }
        switch unit {
        case .yuan: return wan(value) ?? value
        default: return value
        }
    }
}
