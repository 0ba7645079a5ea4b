/// A storage failure, with what was being done and SQLite's own words and code.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    public var operation: String
    public var message: String
    /// SQLite's result code when known (e.g. 13 for SQLITE_FULL).
    public var code: Int32?

    public init(operation: String, message: String, code: Int32? = nil) {
        self.operation = operation
        self.message = message
        self.code = code
    }

    public var description: String {
        "\(operation) failed: \(message)" + (code.map { " (SQLite code \($0))" } ?? "")
    }
}
