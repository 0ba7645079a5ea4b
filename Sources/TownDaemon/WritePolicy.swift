import TownModel
import TownStore

/// Checks that run before merge: authorization, locks, the key schema. The first rejection wins.
public protocol WritePolicy: Sendable {
    func check(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup) -> Rejection?

    /// The same check, also giving what the key means in the model when the policy worked that
    /// out (so the engine does not classify the key a second time).
    func checkClassifying(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup)
        -> (rejection: Rejection?, kind: KeyKind?)
}

extension WritePolicy {
    public func checkClassifying(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup)
        -> (rejection: Rejection?, kind: KeyKind?)
    {
        (check(key: key, body: body, principal: principal, lookup: lookup), nil)
    }
}
