import TownWire

/// A subtree as the snapshot socket gave it: its values and the sequence it reflects.
public struct Snapshot: Sendable, Equatable {
    public var values: [String: KVMessage]
    public var sequence: UInt64

    public init(values: [String: KVMessage], sequence: UInt64) {
        self.values = values
        self.sequence = sequence
    }

    /// A key's text value, when present.
    public func text(_ key: String) -> String? {
        values[key].map { String(decoding: $0.body, as: UTF8.self) }
    }
}
