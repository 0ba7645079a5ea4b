import TownMerge
import ZeroMQ

/// Proves, before townd says it is ready, that CURVE really authenticates: a client with a
/// random, unknown key connects to the submit socket and must be refused by the ZAP handler. If
/// its message gets through (no ZAP handler, or one that lets anybody in), townd refuses to start.
struct CurveSelfCheck {
    let context: ZMQContext
    let configuration: DaemonConfiguration
    let serverKey: String

    func run(submit: Socket, zap: ZAPResponder?) throws {
        let probe = try context.socket(.dealer)
        defer { probe.close() }
        let stranger = try CurveKeyPair.generate()
        try probe.setCurveClient(serverKey: serverKey, keyPair: stranger)
        let host = configuration.bindAddress == "0.0.0.0" || configuration.bindAddress == "*" ? "127.0.0.1" : configuration.bindAddress
        try probe.connect("tcp://\(host):\(configuration.basePort + 3)")
        _ = try probe.send([Array("townd self-check".utf8)], mode: .dontWait)
        let poller = Poller()
        let submitIndex = poller.add(submit)
        let zapIndex = zap.map { poller.add($0.socket) }
        let clock = SystemClock()
        let deadline = clock.nowMilliseconds() + 3000
        while clock.nowMilliseconds() < deadline {
            _ = try poller.poll(timeoutMilliseconds: 50)
            if poller.isReadable(submitIndex), let message = try submit.receive(mode: .dontWait),
                message.frames.last == Array("townd self-check".utf8)
            {
                throw DaemonError.security(
                    "CURVE self-check: a client with an unknown key got through; no ZAP handler is in force, refusing to start")
            }
            if let zap, let zapIndex, poller.isReadable(zapIndex) {
                let denied = try zap.answer(now: clock.nowMilliseconds())
                if denied.contains(where: { $0.fields.contains { $0 == ("key", stranger.publicKey) } }) { return }
            }
        }
        throw DaemonError.security("CURVE self-check: the ZAP handler was never consulted; refusing to start")
    }
}
