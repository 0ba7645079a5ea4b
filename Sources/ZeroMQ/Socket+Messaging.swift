import CZeroMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Socket {
    /// Sends one frame; `more` marks that further frames of the same message follow.
    /// Returns false when `mode` is `.dontWait` and the message could not be queued.
    @discardableResult
    public func send(frame: some Collection<UInt8>, more: Bool = false, mode: ReceiveMode = .blocking) throws
        -> Bool
    {
        // No copy when the frame is already contiguous (an Array): zmq_send copies it anyway.
        try frame.withContiguousStorageIfAvailable { try send(frame: UnsafeRawBufferPointer($0), more: more, mode: mode) }
            ?? Array(frame).withUnsafeBytes { try send(frame: $0, more: more, mode: mode) }
    }

    /// Sends one frame from bytes in place (see ``send(frame:more:mode:)``).
    @discardableResult
    public func send(frame: UnsafeRawBufferPointer, more: Bool = false, mode: ReceiveMode = .blocking) throws -> Bool {
        var flags: Int32 = more ? ZMQ_SNDMORE : 0
        if mode == .dontWait { flags |= ZMQ_DONTWAIT }
        while true {
            let result = zmq_send(handle, frame.baseAddress, frame.count, flags)
            if result >= 0 { return true }
            let error = ZMQError.last("zmq_send")
            if error.errno == EINTR { continue }
            if error.isWouldBlock && mode == .dontWait { return false }
            throw error
        }
    }

    /// Sends a whole multipart message. libzmq delivers all frames or none. Returns false when
    /// `mode` is `.dontWait` and the first frame could not be queued (nothing was sent).
    @discardableResult
    public func send(_ frames: [[UInt8]], mode: ReceiveMode = .blocking) throws -> Bool {
        precondition(!frames.isEmpty, "a ZeroMQ message has at least one frame")
        for (index, frame) in frames.enumerated() {
            let more = index < frames.count - 1
            // Only the first frame can hit the high-water mark; later frames of a started message
            // are always accepted.
            let sent = try send(frame: frame, more: more, mode: index == 0 ? mode : .blocking)
            if !sent { return false }
        }
        return true
    }

    /// Receives one frame into `frame`. Returns false when `.dontWait` finds nothing.
    public func receive(into frame: inout Frame, mode: ReceiveMode = .blocking) throws -> Bool {
        let flags: Int32 = mode == .dontWait ? ZMQ_DONTWAIT : 0
        while true {
            if zmq_msg_recv(frame.message, handle, flags) >= 0 { return true }
            let error = ZMQError.last("zmq_msg_recv")
            if error.errno == EINTR { continue }
            if error.isWouldBlock && mode == .dontWait { return false }
            throw error
        }
    }

    /// Receives a whole multipart message, every frame at full length, with the peer's
    /// `User-Id` and address. Returns nil when `.dontWait` finds nothing.
    public func receive(mode: ReceiveMode = .blocking) throws -> ReceivedMessage? {
        var frame = Frame()
        return try receive(mode: mode, through: &frame)
    }

    /// ``receive(mode:)`` through a frame the caller keeps for the next message (a loop receiving
    /// message after message then allocates no `zmq_msg_t` for each).
    public func receive(mode: ReceiveMode = .blocking, through frame: inout Frame) throws -> ReceivedMessage? {
        // One zmq_msg_t for every part: zmq_msg_recv releases what it held before.
        guard try receive(into: &frame, mode: mode) else { return nil }
        var message = ReceivedMessage(frames: [])
        // Room for the usual message (a submit is six frames): growing from one frame would
        // reallocate the array three times.
        message.frames.reserveCapacity(frame.hasMore ? 8 : 1)
        message.frames.append(frame.bytes)
        // A ROUTER's routing-id frame is made locally and carries no metadata: read the
        // properties from the first frame that has them (every such frame has Peer-Address).
        readMetadata(of: frame, into: &message)
        while frame.hasMore {
            // The rest of a multipart message is already here: a blocking receive cannot wait.
            _ = try receive(into: &frame, mode: .blocking)
            message.frames.append(frame.bytes)
            if message.peerAddress == nil { readMetadata(of: frame, into: &message) }
        }
        return message
    }

    /// Receives a whole multipart message into `frames` (replacing what it held, keeping its
    /// capacity), without the peer's metadata: for clients reading a long stream of messages.
    /// Returns false when `.dontWait` finds nothing.
    public func receiveFrames(into frames: inout [[UInt8]], frame: inout Frame, mode: ReceiveMode = .blocking) throws -> Bool {
        guard try receive(into: &frame, mode: mode) else { return false }
        frames.removeAll(keepingCapacity: true)
        frames.append(frame.bytes)
        while frame.hasMore {
            _ = try receive(into: &frame, mode: .blocking)
            frames.append(frame.bytes)
        }
        return true
    }

    private func readMetadata(of frame: borrowing Frame, into message: inout ReceivedMessage) {
        message.peerAddress = frame.property("Peer-Address")
        if message.userId == nil { message.userId = frame.property("User-Id") }
    }

    /// Receives a whole message, waiting at most `timeoutMilliseconds`; nil on time-out.
    public func receive(timeoutMilliseconds: Int) throws -> ReceivedMessage? {
        try waitingAtMost(timeoutMilliseconds) { try receive(mode: .dontWait) }
    }

    /// ``receiveFrames(into:frame:mode:)`` waiting at most `timeoutMilliseconds`; false on time-out.
    public func receiveFrames(into frames: inout [[UInt8]], frame: inout Frame, timeoutMilliseconds: Int) throws -> Bool {
        try waitingAtMost(timeoutMilliseconds) {
            try receiveFrames(into: &frames, frame: &frame, mode: .dontWait) ? true : nil
        } ?? false
    }

    /// Runs a non-blocking `attempt`; when it finds nothing, waits (at most the time-out) for the
    /// socket to become readable and tries once more. A message already queued needs no poll (a
    /// snapshot is a million of them).
    private func waitingAtMost<T>(_ timeoutMilliseconds: Int, _ attempt: () throws -> T?) throws -> T? {
        if let result = try attempt() { return result }
        guard try waitReadable(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        return try attempt()
    }

    /// Waits until the socket has a message to read; false on time-out.
    public func waitReadable(timeoutMilliseconds: Int) throws -> Bool {
        let poller = Poller()
        poller.add(self, events: .readable)
        return try poller.poll(timeoutMilliseconds: timeoutMilliseconds) > 0
    }
}
