import Foundation

/// Output styling: colour only on a terminal, never with `NO_COLOR` set, unless forced.
public struct Terminal: Sendable {
    public enum ColorMode: String, Sendable, CaseIterable { case auto, always, never }

    public let colors: Bool

    public init(mode: ColorMode, environment: [String: String] = ProcessInfo.processInfo.environment) {
        switch mode {
        case .always: colors = true
        case .never: colors = false
        case .auto: colors = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true
        }
    }

    public func paint(_ text: String, _ code: String) -> String { colors ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func red(_ text: String) -> String { paint(text, "31") }
    public func green(_ text: String) -> String { paint(text, "32") }
    public func yellow(_ text: String) -> String { paint(text, "33") }
    public func dim(_ text: String) -> String { paint(text, "2") }
    public func bold(_ text: String) -> String { paint(text, "1") }

    /// Display width: CJK and full-width characters take two columns.
    public static func width(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if scalar == "\u{1B}" { inEscape = true; continue }
            if inEscape { if scalar == "m" { inEscape = false }; continue }
            let wide = (scalar.value >= 0x1100 && scalar.properties.isIdeographic)
                || (0xFF00...0xFF60).contains(scalar.value) || (0x3000...0x303F).contains(scalar.value)
            width += wide ? 2 : 1
        }
        return width
    }

    public static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - self.width(text)))
        return right ? padding + text : text + padding
    }

    /// Aligned columns; `rightAligned` holds the numeric columns.
    public static func table(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { width($0[column]) }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { pad($1, widths[$0], right: rightAligned.contains($0)) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n")
    }

    /// A progress bar of `width` cells for a percentage.
    public static func bar(percent: Double, width: Int = 20) -> String {
        let filled = max(0, min(width, Int((percent / 100 * Double(width)).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
