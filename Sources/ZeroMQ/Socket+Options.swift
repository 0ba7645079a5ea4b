import CZeroMQ

extension Socket {
    func setInt32(_ option: Int32, _ value: Int32, name: String) throws {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError.last("zmq_setsockopt", context: name)
        }
    }

    func setInt64(_ option: Int32, _ value: Int64, name: String) throws {
        var value = value
        guard zmq_setsockopt(handle, option, &value, MemoryLayout<Int64>.size) == 0 else {
            throw ZMQError.last("zmq_setsockopt", context: name)
        }
    }

    func setBytes(_ option: Int32, _ value: [UInt8], name: String) throws {
        let result = value.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        guard result == 0 else { throw ZMQError.last("zmq_setsockopt", context: name) }
    }

    func getInt32(_ option: Int32, name: String) throws -> Int32 {
        var value: Int32 = 0
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(handle, option, &value, &size) == 0 else {
            throw ZMQError.last("zmq_getsockopt", context: name)
        }
        return value
    }

    /// Milliseconds to keep unsent messages after close; never -1 in this project.
    public func setLinger(milliseconds: Int32) throws {
        try setInt32(ZMQ_LINGER, milliseconds, name: "ZMQ_LINGER")
    }

    /// High-water mark for outgoing messages (per peer); 0 means unlimited.
    public func setSendHighWaterMark(_ messages: Int32) throws {
        try setInt32(ZMQ_SNDHWM, messages, name: "ZMQ_SNDHWM")
    }

    /// High-water mark for incoming messages (per peer); 0 means unlimited.
    public func setReceiveHighWaterMark(_ messages: Int32) throws {
        try setInt32(ZMQ_RCVHWM, messages, name: "ZMQ_RCVHWM")
    }

    /// Largest inbound message (all frames) a peer may send; a peer that exceeds it is disconnected.
    public func setMaxMessageSize(_ bytes: Int64) throws {
        try setInt64(ZMQ_MAXMSGSIZE, bytes, name: "ZMQ_MAXMSGSIZE")
    }

    /// ZMTP heartbeats: ping every `interval` ms, drop the peer after `timeout` ms without traffic,
    /// and ask the peer to drop us after `ttl` ms.
    public func setHeartbeat(intervalMilliseconds: Int32, timeoutMilliseconds: Int32, ttlMilliseconds: Int32 = 0)
        throws
    {
        try setInt32(ZMQ_HEARTBEAT_IVL, intervalMilliseconds, name: "ZMQ_HEARTBEAT_IVL")
        try setInt32(ZMQ_HEARTBEAT_TIMEOUT, timeoutMilliseconds, name: "ZMQ_HEARTBEAT_TIMEOUT")
        if ttlMilliseconds > 0 {
            try setInt32(ZMQ_HEARTBEAT_TTL, ttlMilliseconds, name: "ZMQ_HEARTBEAT_TTL")
        }
    }

    /// ROUTER only: report `EHOSTUNREACH` for an unroutable peer instead of dropping silently.
    public func setRouterMandatory(_ on: Bool) throws {
        try setInt32(ZMQ_ROUTER_MANDATORY, on ? 1 : 0, name: "ZMQ_ROUTER_MANDATORY")
    }

    /// The identity a DEALER or REQ presents to a ROUTER (1 to 255 bytes, not starting with 0).
    public func setRoutingId(_ id: [UInt8]) throws {
        try setBytes(ZMQ_ROUTING_ID, id, name: "ZMQ_ROUTING_ID")
    }

    /// SUB only: receive messages whose first frame starts with `prefix` (empty: everything).
    public func subscribe(_ prefix: [UInt8] = []) throws {
        try setBytes(ZMQ_SUBSCRIBE, prefix, name: "ZMQ_SUBSCRIBE")
    }

    /// SUB only: subscribe to a UTF-8 prefix.
    public func subscribe(_ prefix: String) throws { try subscribe(Array(prefix.utf8)) }

    /// SUB only: remove a subscription made with the same prefix.
    public func unsubscribe(_ prefix: [UInt8] = []) throws {
        try setBytes(ZMQ_UNSUBSCRIBE, prefix, name: "ZMQ_UNSUBSCRIBE")
    }

    /// Timeouts for blocking calls in milliseconds (-1 blocks forever).
    public func setReceiveTimeout(milliseconds: Int32) throws {
        try setInt32(ZMQ_RCVTIMEO, milliseconds, name: "ZMQ_RCVTIMEO")
    }

    public func setSendTimeout(milliseconds: Int32) throws {
        try setInt32(ZMQ_SNDTIMEO, milliseconds, name: "ZMQ_SNDTIMEO")
    }

    /// Queue messages only to completed connections (no queueing to a peer not yet connected).
    public func setImmediate(_ on: Bool) throws {
        try setInt32(ZMQ_IMMEDIATE, on ? 1 : 0, name: "ZMQ_IMMEDIATE")
    }

    /// Makes this socket a CURVE server with the given secret key (Z85, 40 characters).
    public func setCurveServer(secretKey: String) throws {
        try setInt32(ZMQ_CURVE_SERVER, 1, name: "ZMQ_CURVE_SERVER")
        try setBytes(ZMQ_CURVE_SECRETKEY, try Z85.decodeKey(secretKey), name: "ZMQ_CURVE_SECRETKEY")
    }

    /// Makes this socket a CURVE client of the server with `serverKey`, using its own pair.
    public func setCurveClient(serverKey: String, keyPair: CurveKeyPair) throws {
        try setBytes(ZMQ_CURVE_SERVERKEY, try Z85.decodeKey(serverKey), name: "ZMQ_CURVE_SERVERKEY")
        try setBytes(ZMQ_CURVE_PUBLICKEY, try Z85.decodeKey(keyPair.publicKey), name: "ZMQ_CURVE_PUBLICKEY")
        try setBytes(ZMQ_CURVE_SECRETKEY, try Z85.decodeKey(keyPair.secretKey), name: "ZMQ_CURVE_SECRETKEY")
    }

    /// The ZAP domain passed to the authentication handler for this socket.
    public func setZapDomain(_ domain: String) throws {
        try setBytes(ZMQ_ZAP_DOMAIN, Array(domain.utf8), name: "ZMQ_ZAP_DOMAIN")
    }

    /// The socket's pending events (readable/writable) right now.
    public func pendingEvents() throws -> PollEvents {
        PollEvents(rawValue: Int16(truncatingIfNeeded: try getInt32(ZMQ_EVENTS, name: "ZMQ_EVENTS")))
    }
}
