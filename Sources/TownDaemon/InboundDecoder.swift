import TownMerge
import TownWire

/// Turns frames from the submit and collector sockets into engine writes (pure: no sockets).
struct InboundDecoder {
    let limits: WireLimits
    /// True when CURVE is on: principals come from `User-Id`, never from what the client says.
    let authenticated: Bool
    /// With CURVE, `User-Id` is the client's key: its principal now (nil once revoked).
    var principalForKey: @Sendable (String) -> String? = { _ in nil }

    /// The principal behind an authenticated connection.
    func principal(userId: String?) -> Principal {
        guard let userId else { return .other("unauthenticated") }
        guard let name = principalForKey(userId) else { return .other("revoked key") }
        return Principal(name)
    }

    /// A submit from the ROUTER: `[routing-id, (empty delimiter from a REQ,) kvmsg...]`. Returns nil
    /// only when there is nothing to answer to.
    func submit(_ frames: [[UInt8]], userId: String?, peer: String?) -> IncomingWrite? {
        guard frames.count >= 2 else { return nil }
        // The routing id, and a REQ's empty delimiter when one came: slices of the frames, no copies.
        let envelopeCount = frames.count == 7 && frames[1].isEmpty ? 2 : 1
        let envelope = frames[..<envelopeCount]
        let body = frames[envelopeCount...]
        do {
            let request = try SubmitRequest.decode(body, limits: limits)
            let principal: Principal
            var refusal: Rejection?
            if authenticated {
                principal = self.principal(userId: userId)
                if request.stamp.origin != principal.description {
                    refusal = Rejection(
                        .unauthorized, "origin '\(request.stamp.origin)' is not the authenticated \(principal)")
                }
            } else {
                principal = Principal(request.stamp.origin)
            }
            return IncomingWrite(
                key: request.key, uuid: request.uuid, stamp: request.stamp, ttlSeconds: request.ttlSeconds,
                body: request.body, principal: principal, channel: .submit, peer: peer, refusal: refusal,
                replyTo: envelope)
        } catch {
            let key = body.first.map { String(decoding: $0.prefix(KVMessage.maximumKeyBytes), as: UTF8.self) } ?? ""
            let uuid = body.count > 2 && body[body.startIndex + 2].count == 16 ? body[body.startIndex + 2] : []
            let principal = authenticated ? self.principal(userId: userId) : Principal("unknown")
            return IncomingWrite(
                key: key, uuid: uuid, body: [], principal: principal, channel: .submit, peer: peer,
                refusal: Rejection(.malformed, error.description), replyTo: envelope)
        }
    }

    /// A stock CHP `KVSET` from the collector; stamped on receipt by the engine.
    func collector(_ frames: [[UInt8]], userId: String?, peer: String?) throws(WireError) -> IncomingWrite {
        let message = try KVMessage.decode(frames, limits: limits)
        let ttl = try message.ttlSeconds()
        let principal = authenticated ? self.principal(userId: userId) : .admin
        return IncomingWrite(
            key: message.key, uuid: message.uuid, ttlSeconds: ttl, body: message.body, principal: principal,
            channel: .collector, peer: peer)
    }
}
