/// Parses the right-hand side of one `key = value` line.
enum ConfigValueParser {
    struct Failure: Error { let message: String }

    static func parse(_ text: String) throws(Failure) -> ConfigValue {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { throw Failure(message: "missing value") }
        if first == "\"" || first == "'" {
            let (value, end) = try parseString(scalars, quote: first)
            try expectOnlyComment(scalars[end...])
            return .string(value)
        }
        let token = String(String.UnicodeScalarView(scalars.prefix { $0 != "#" })).trimmingCharacters(in: .whitespaces)
        if token == "true" { return .boolean(true) }
        if token == "false" { return .boolean(false) }
        let digits = token.hasPrefix("+") || token.hasPrefix("-") ? String(token.dropFirst()) : token
        let valid = !digits.isEmpty && digits.first != "_" && digits.last != "_" && !digits.contains("__")
            && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "_") }
        if valid, let number = Int64(token.replacingOccurrences(of: "_", with: "")) { return .integer(number) }
        throw Failure(message: "'\(token)' is not a string, an integer or a boolean")
    }

    private static func parseString(_ scalars: [Unicode.Scalar], quote: Unicode.Scalar) throws(Failure) -> (String, Int) {
        var result = String.UnicodeScalarView()
        var index = 1
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == quote { return (String(result), index + 1) }
            if scalar == "\\" && quote == "\"" {
                index += 1
                guard index < scalars.count else { break }
                switch scalars[index] {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "u":
                    let hex = String(String.UnicodeScalarView(scalars.dropFirst(index + 1).prefix(4)))
                    guard hex.count == 4, let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) else {
                        throw Failure(message: "bad \\u escape")
                    }
                    result.append(decoded)
                    index += 4
                default: throw Failure(message: "unknown escape \\\(scalars[index])")
                }
            } else {
                result.append(scalar)
            }
            index += 1
        }
        throw Failure(message: "string is not closed")
    }

    private static func expectOnlyComment(_ rest: ArraySlice<Unicode.Scalar>) throws(Failure) {
        let trimmed = String(String.UnicodeScalarView(rest)).trimmingCharacters(in: .whitespaces)
        guard trimmed.isEmpty || trimmed.hasPrefix("#") else { throw Failure(message: "unexpected '\(trimmed)' after the string") }
    }
}
