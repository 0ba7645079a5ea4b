import TownModel
import TownStore

/// The write policy with the indicator model: the key schema first (`unknown-key`,
/// `invalid-value`), then ``AccessRules`` (authorization and locks).
public struct ModelPolicy: WritePolicy {
    public let schema: KeySchema
    let access = AccessRules()

    public init(schema: KeySchema) { self.schema = schema }

    public func check(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup) -> Rejection? {
        checkClassifying(key: key, body: body, principal: principal, lookup: lookup).rejection
    }

    public func checkClassifying(key: String, body: [UInt8], principal: Principal, lookup: some KeyLookup)
        -> (rejection: Rejection?, kind: KeyKind?)
    {
        let kind: KeyKind
        do {
            kind = try schema.validate(key: key, body: body)
        } catch {
            return (Rejection(error.kind == .unknownKey ? .unknownKey : .invalidValue, error.detail), nil)
        }
        return (access.check(kind: kind, key: key, body: body, principal: principal, lookup: lookup), kind)
    }
}
