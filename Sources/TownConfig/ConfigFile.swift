import Foundation

/// The config-file format: a flat subset of TOML.
///
/// One `key = value` per line; `#` starts a comment; values are basic strings (`"..."` with
/// `\"`, `\\`, `\n`, `\t`, `\uXXXX`), literal strings (`'...'`), integers (`_` allowed between
/// digits) and `true`/`false`. Keys may use `-` or `_` (both mean the same). Tables, arrays and
/// dates are not used by TownSync and are refused with the line number, as are unknown keys and
/// keys given twice.
public struct ConfigFile: Sendable, Equatable {
    public private(set) var values: [String: ConfigValue] = [:]
    private var lines: [String: Int] = [:]
    public let path: String

    /// Reads and parses a file.
    public static func load(path: String, allowedKeys: Set<String>) throws(ConfigFileError) -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigFileError(path: path, line: 0, message: "cannot be read (missing or no permission)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigFileError(path: path, line: 0, message: "is not UTF-8")
        }
        return try parse(text, path: path, allowedKeys: allowedKeys)
    }

    /// The file a program should read: `explicitPath` when given (it must then exist), else
    /// `defaultPath` when it exists and is readable, else none (built-in defaults).
    public static func load(
        explicitPath: String?, defaultPath: String, allowedKeys: Set<String>
    ) throws(ConfigFileError) -> ConfigFile? {
        let readableDefault = FileManager.default.isReadableFile(atPath: defaultPath) ? defaultPath : nil
        guard let path = explicitPath ?? readableDefault else { return nil }
        return try load(path: path, allowedKeys: allowedKeys)
    }

    /// Parses text; `allowedKeys` are in `snake_case`.
    public static func parse(_ text: String, path: String, allowedKeys: Set<String>) throws(ConfigFileError) -> ConfigFile {
        var file = ConfigFile(path: path)
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            func fail(_ message: String) -> ConfigFileError { ConfigFileError(path: path, line: number, message: message) }
            if line.hasPrefix("[") { throw fail("tables are not used in this file; write plain key = value lines") }
            guard let equals = line.firstIndex(of: "=") else { throw fail("expected key = value") }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "-", with: "_")
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw fail("'\(key)' is not a valid key")
            }
            guard allowedKeys.contains(key) else {
                throw fail("unknown setting '\(key)' (known: \(allowedKeys.sorted().joined(separator: ", ")))")
            }
            guard file.values[key] == nil else { throw fail("'\(key)' is set twice (first on line \(file.lines[key]!))") }
            let rest = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            do {
                file.values[key] = try ConfigValueParser.parse(rest)
            } catch {
                throw fail("\(key): \(error.message)")
            }
            file.lines[key] = number
        }
        return file
    }

    private init(path: String) { self.path = path }

    public func string(_ key: String) throws(ConfigFileError) -> String? {
        guard let value = values[key] else { return nil }
        guard case .string(let text) = value else { throw mismatch(key, "a string") }
        return text
    }

    public func integer(_ key: String) throws(ConfigFileError) -> Int64? {
        guard let value = values[key] else { return nil }
        guard case .integer(let number) = value else { throw mismatch(key, "an integer") }
        return number
    }

    public func boolean(_ key: String) throws(ConfigFileError) -> Bool? {
        guard let value = values[key] else { return nil }
        guard case .boolean(let flag) = value else { throw mismatch(key, "true or false") }
        return flag
    }

    private func mismatch(_ key: String, _ expected: String) -> ConfigFileError {
        ConfigFileError(path: path, line: lines[key] ?? 0, message: "\(key) must be \(expected)")
    }
}
