/// Why the key schema refused a write: the reply's reason and a sentence for people.
public struct SchemaProblem: Error, Equatable, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The key has no place in the schema (`unknown-key`).
        case unknownKey
        /// The key is known but the value (or the village, or the year) is wrong (`invalid-value`).
        case invalidValue
    }

    public var kind: Kind
    public var detail: String

    public init(_ kind: Kind, _ detail: String) {
        self.kind = kind
        self.detail = detail
    }
}
