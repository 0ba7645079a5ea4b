/// A value in a config file.
public enum ConfigValue: Equatable, Sendable {
    case string(String)
    case integer(Int64)
    case boolean(Bool)
}
