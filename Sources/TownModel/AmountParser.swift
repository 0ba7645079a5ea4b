/// Reads an amount of money the way a village accountant writes it, into whole yuan:
/// `2150000`, `2,150,000`, `215万`, `215.5万`, `1.2亿`, `2150000元`, full-width digits too.
/// Refuses negatives, fractions of a yuan and anything else, with a sentence saying why.
public enum AmountParser {
    public static func yuan(_ text: String) throws(AmountError) -> Int64 {
        var normalized = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF10...0xFF19: normalized.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFF10 + 0x30)!)
            case 0xFF0E: normalized.append(".")
            case 0xFF0C, 0x2C: continue  // thousands separators: ， and ,
            case 0x20, 0x3000: continue
            default: normalized.unicodeScalars.append(scalar)
            }
        }
        if normalized.hasSuffix("元") { normalized.removeLast() }
        var multiplier: Int64 = 1
        if normalized.hasSuffix("万") {
            multiplier = 10_000
            normalized.removeLast()
        } else if normalized.hasSuffix("亿") {
            multiplier = 100_000_000
            normalized.removeLast()
        }
        let parts = normalized.split(separator: ".", omittingEmptySubsequences: false)
        guard !normalized.isEmpty, parts.count <= 2, !parts[0].isEmpty,
            parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }), parts[0].count <= 15
        else {
            throw AmountError("'\(text)' is not an amount (examples: 2150000, 2,150,000, 215万, 1.2亿)")
        }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard parts.count == 1 || !fraction.isEmpty else { throw AmountError("'\(text)' ends with a decimal point") }
        // value = (whole + fraction / 10^n) * multiplier, exact in integers.
        var scale: Int64 = 1
        for _ in 0..<fraction.count {
            guard scale <= 1_000_000_000 else { throw AmountError("'\(text)' has too many decimals") }
            scale *= 10
        }
        let whole = Int64(parts[0])!
        let fractional = fraction.isEmpty ? 0 : Int64(fraction)!
        let (total, overflow) = whole.multipliedReportingOverflow(by: multiplier)
        guard !overflow, total <= 1_000_000_000_000_000 else { throw AmountError("'\(text)' is too large") }
        let fractionYuan = fractional * multiplier
        guard fractionYuan % scale == 0 else {
            throw AmountError("'\(text)' is not a whole number of yuan (\(text) = \(whole * multiplier + fractionYuan / scale).\(fractionYuan % scale) 元)")
        }
        return total + fractionYuan / scale
    }
}

/// Why an amount could not be read, as a sentence.
public struct AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
