import TownMerge
import ZeroMQ

/// The ZAP handler (RFC 27) on `inproc://zeromq.zap.01`: libzmq asks it about every CURVE
/// handshake; it accepts the keys of the key ring, with the key itself as the `User-Id` (so a
/// revoked key stops working at once, for open connections too), and refuses every other key.
/// Owned by the socket thread; bound before any server socket.
final class ZAPResponder {
    let socket: Socket
    var keyRing: KeyRing

    init(context: ZMQContext, keyRing: KeyRing) throws {
        socket = try context.socket(.rep)
        do {
            try socket.bind(ZAPRequest.endpoint)
        } catch {
            throw DaemonError.security("cannot bind the ZAP handler (\(error)); refusing to serve CURVE without it")
        }
        self.keyRing = keyRing
    }

    /// Answers every waiting request; returns `auth.denied` events for refused peers.
    func answer(now: UInt64) throws -> [EventRecord] {
        var denied: [EventRecord] = []
        while let message = try socket.receive(mode: .dontWait) {
            guard let request = ZAPRequest.decode(message.frames) else {
                // Not a ZAP request: answer so the REP socket stays in step.
                try socket.send([Array("1.0".utf8), [], Array("500".utf8), Array("bad request".utf8), [], []])
                continue
            }
            let key = request.curvePublicKey
            let accepted = key.flatMap { keyRing.principal(forKey: $0) } != nil
            try socket.send(request.reply(userId: accepted ? key : nil))
            if !accepted {
                var event = EventRecord(kind: "auth.denied", at: now)
                event.set("peer", request.address)
                event.set("mechanism", request.mechanism)
                event.set("key", key)
                event.set("detail", key == nil ? "not a CURVE client" : "unknown or revoked client key")
                denied.append(event)
            }
        }
        return denied
    }
}
