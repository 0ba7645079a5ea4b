/// A config file problem, with the file and line so the operator can fix it.
public struct ConfigFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)" }
}
