/// An exact decimal with a fixed number of places, as integer units (`649.2` mu with 2 places is
/// 64920). Parsing is strict: digits, at most one `.`, no sign, no exponent, no spaces, no
/// leading zeros (except `0` itself), at most `decimals` places.
public struct FixedDecimal: Hashable, Sendable, Comparable {
    public var units: Int64
    public var decimals: Int

    public init(units: Int64, decimals: Int) {
        self.units = units
        self.decimals = decimals
    }

    public init?(parsing text: String, decimals: Int) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 1 || (parts.count == 2 && decimals > 0) else { return nil }
        let whole = parts[0]
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !whole.isEmpty, whole.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            whole.count == 1 || whole.first != "0", whole.count <= 15
        else { return nil }
        guard parts.count == 1 || (!fraction.isEmpty && fraction.count <= decimals),
            fraction.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        var units = Int64(whole)!
        for _ in 0..<decimals { units *= 10 }
        var scale: Int64 = 1
        for _ in 0..<(decimals - fraction.count) { scale *= 10 }
        if !fraction.isEmpty { units += Int64(fraction)! * scale }
        self.init(units: units, decimals: decimals)
    }

    /// Canonical text: places shown only when needed for integers; always `decimals` for others.
    public var text: String {
        guard decimals > 0 else { return String(units) }
        var divisor: Int64 = 1
        for _ in 0..<decimals { divisor *= 10 }
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        let fraction = String(magnitude % UInt64(divisor))
        return "\(sign)\(magnitude / UInt64(divisor)).\(String(repeating: "0", count: decimals - fraction.count))\(fraction)"
    }

    public static func < (lhs: FixedDecimal, rhs: FixedDecimal) -> Bool { lhs.units < rhs.units }

    /// `numerator / denominator * 100` with two decimals, rounded half away from zero; nil when
    /// the denominator is zero.
    public static func percent(_ numerator: Int64, over denominator: Int64) -> FixedDecimal? {
        guard denominator != 0 else { return nil }
        let scaled = numerator.multipliedFullWidth(by: 10_000)
        let (quotient, remainder) = denominator.dividingFullWidth(scaled)
        var result = quotient
        if remainder.magnitude * 2 >= denominator.magnitude {
            result += (remainder < 0) != (denominator < 0) ? -1 : 1
        }
        return FixedDecimal(units: result, decimals: 2)
    }

    /// Growth from `previous` to `current` in percent with two decimals.
    public static func growth(from previous: Int64, to current: Int64) -> FixedDecimal? {
        percent(current - previous, over: previous)
    }
}
