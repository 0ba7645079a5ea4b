/// A uuid the daemon has accepted (applied, superseded or duplicate), with a fingerprint of the
/// write's content, so a resend is a duplicate and a reuse with other content is refused.
public struct SeenWrite: Sendable, Equatable {
    public var uuid: [UInt8]
    public var key: String
    public var fingerprint: UInt64

    public init(uuid: [UInt8], key: String, fingerprint: UInt64) {
        self.uuid = uuid
        self.key = key
        self.fingerprint = fingerprint
    }
}
