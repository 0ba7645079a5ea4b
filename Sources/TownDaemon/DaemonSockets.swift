import ZeroMQ

/// The five server sockets of DESIGN.md, bound on the base port. Owned by the socket-loop thread,
/// but for the snapshot socket, which it hands to the ``SnapshotServer`` thread once bound.
final class DaemonSockets {
    let snapshot: Socket
    let publisher: Socket
    let collector: Socket?
    let submit: Socket
    let events: Socket

    init(context: ZMQContext, configuration: DaemonConfiguration, curveSecretKey: String?) throws {
        let inboundLimit = Int64(configuration.maximumBodyBytes + 16 * 1024)
        // Options take effect for connections made after they are set: set them all before bind.
        func make(_ type: SocketType, _ offset: Int, _ configure: (Socket) throws -> Void) throws -> Socket {
            let socket = try context.socket(type)
            try configure(socket)
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
        snapshot = try make(.router, 0) { socket in
            try socket.setRouterMandatory(true)
            // A snapshot is queued whole; bounded per client, so a client that never reads cannot
            // make the daemon grow without limit.
            try socket.setSendHighWaterMark(2_000_000)
        }
        publisher = try make(.pub, 1) { try $0.setSendHighWaterMark(Int32(clamping: configuration.publisherHighWaterMark)) }
        if configuration.collectorEnabled {
            collector = try make(.sub, 2) { try $0.subscribe() }
        } else {
            collector = nil
        }
        submit = try make(.router, 3) { socket in
            try socket.setRouterMandatory(true)
            try socket.setSendHighWaterMark(100_000)
            try socket.setReceiveHighWaterMark(100_000)
        }
        events = try make(.pub, 4) { try $0.setSendHighWaterMark(Int32(clamping: configuration.publisherHighWaterMark)) }
    }

    func closeAll() {
        for socket in [snapshot, publisher, submit, events] { socket.close() }
        collector?.close()
    }
}
