import TownStore

/// Checks that run before merge: authorization, locks, the key schema. The first rejection wins.
public protocol WritePolicy: Sendable {
    func check(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup) -> Rejection?
}
