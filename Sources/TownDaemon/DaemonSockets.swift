import ZeroMQ

/// The five server sockets of DESIGN.md, bound on the base port. Owned by the socket-loop thread.
final class DaemonSockets {
    let snapshot: Socket
    let publisher: Socket
    let collector: Socket?
    let submit: Socket
    let events: Socket

    init(context: ZMQContext, configuration: DaemonConfiguration, curveSecretKey: String?) throws {
        let inboundLimit = Int64(configuration.maximumBodyBytes + 16 * 1024)
        func make(_ type: SocketType, _ offset: Int) throws -> Socket {
            let socket = try context.socket(type)
            if let curveSecretKey {
                try socket.setCurveServer(secretKey: curveSecretKey)
                try socket.setZapDomain("townsync")
            }
            try socket.setHeartbeat(intervalMilliseconds: 5000, timeoutMilliseconds: 15000)
            if type != .pub { try socket.setMaxMessageSize(inboundLimit) }
            do {
                try socket.bind(configuration.endpoint(offset))
            } catch let error as ZMQError {
                throw DaemonError.socket("cannot bind \(configuration.endpoint(offset)): \(error.message)")
            }
            return socket
        }
        snapshot = try make(.router, 0)
        try snapshot.setRouterMandatory(true)
        try snapshot.setSendHighWaterMark(2_000_000)
        publisher = try make(.pub, 1)
        try publisher.setSendHighWaterMark(100_000)
        if configuration.collectorEnabled {
            let collector = try make(.sub, 2)
            try collector.subscribe()
            self.collector = collector
        } else {
            collector = nil
        }
        submit = try make(.router, 3)
        try submit.setRouterMandatory(true)
        try submit.setSendHighWaterMark(100_000)
        try submit.setReceiveHighWaterMark(100_000)
        events = try make(.pub, 4)
        try events.setSendHighWaterMark(100_000)
    }

    func closeAll() {
        for socket in [snapshot, publisher, submit, events] { socket.close() }
        collector?.close()
    }
}
