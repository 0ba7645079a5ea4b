/// A last-writer-wins map: key to register, tombstones kept so an older write cannot resurrect
/// a deleted key.
public struct LWWMap: Hashable, Sendable {
    public private(set) var registers: [String: LWWRegister] = [:]

    public init() {}

    /// The version a key holds, tombstone included; nil when the key was never written.
    public subscript(key: String) -> Version? { registers[key]?.version }

    /// The live value of a key: nil when absent or deleted.
    public func value(forKey key: String) -> [UInt8]? {
        guard let version = registers[key]?.version, !version.isTombstone else { return nil }
        return version.body
    }

    /// Live keys and their versions (tombstones left out).
    public var liveEntries: [String: Version] {
        registers.compactMapValues { register in
            register.version.flatMap { $0.isTombstone ? nil : $0 }
        }
    }

    /// What writing `version` to `key` would do, without changing the map.
    public func outcome(of version: Version, forKey key: String) -> MergeOutcome {
        (registers[key] ?? LWWRegister()).outcome(of: version)
    }

    /// Merges one write and returns what happened.
    @discardableResult
    public mutating func merge(_ version: Version, forKey key: String) -> MergeOutcome {
        registers[key, default: LWWRegister()].merge(version)
    }

    /// Merges every register of `other` into this map.
    public mutating func merge(_ other: LWWMap) {
        for (key, register) in other.registers {
            registers[key, default: LWWRegister()].merge(register)
        }
    }

    /// The map merged with `other`.
    public func merging(_ other: LWWMap) -> LWWMap {
        var result = self
        result.merge(other)
        return result
    }
}
