import Foundation
import Logging
import TownMerge
import TownWire
import ZeroMQ

/// One iteration after another of the daemon's loop; lives on the socket thread only.
final class LoopServer {
    let loop: SocketLoop
    let engine: WriteEngine
    let sockets: DaemonSockets
    let decoder: InboundDecoder
    let poller = Poller()
    let zap: ZAPResponder?
    /// Serves snapshots on its own thread, from views this loop hands over.
    let snapshots: SnapshotServer
    /// Where the snapshot server asks for a view (inproc PULL), and its index in the poller.
    let viewRequests: Socket
    let viewRequestIndex: Int
    let zapIndex: Int?
    var lastHeartbeat: UInt64 = 0
    let clock = SystemClock()
    /// Commits on its own thread while this one decides the next batch.
    let committer: Committer
    /// Where the committer says a commit finished (inproc PULL), alone in its own poller too.
    let commitWake: Socket
    let commitWakeIndex: Int
    let commitWakePoller = Poller()
    /// Frames replies, KVPUBs and events straight from what they describe.
    var sender = OutputSender()
    /// Receives every submit and collector message (no `zmq_msg_t` allocated for each).
    private var receiveFrame = Frame()
    /// Whether the uuid filter's outcome (filled, or failed and logged) has been seen.
    private var uuidFilterSettled = false
    /// Most batches waiting for their commit at once (the engine keeps them, oldest first).
    static let maximumBatchesInFlight = 8

    init(loop: SocketLoop, engine: WriteEngine, sockets: DaemonSockets, zap: ZAPResponder?) throws {
        let endpoint = "inproc://townd-commits-\(ObjectIdentifier(engine).hashValue)"
        commitWake = try loop.context.socket(.pull)
        try commitWake.bind(endpoint)
        committer = Committer(store: engine.store, context: loop.context, wakeEndpoint: endpoint)
        self.loop = loop
        self.engine = engine
        self.sockets = sockets
        self.zap = zap
        decoder = InboundDecoder(
            limits: WireLimits(maximumBodyBytes: loop.configuration.maximumBodyBytes),
            authenticated: loop.curveSecretKey != nil,
            principalForKey: { key in loop.keyRing.withLock { $0?.principal(forKey: key) } })
        let viewEndpoint = "inproc://townd-snapshot-views-\(ObjectIdentifier(engine).hashValue)"
        viewRequests = try loop.context.socket(.pull)
        try viewRequests.bind(viewEndpoint)
        snapshots = SnapshotServer(context: loop.context, viewEndpoint: viewEndpoint, logger: loop.logger)
        let poller = self.poller
        viewRequestIndex = poller.add(viewRequests)
        poller.add(sockets.submit)
        if let collector = sockets.collector { poller.add(collector) }
        zapIndex = zap.map { poller.add($0.socket) }
        commitWakeIndex = poller.add(commitWake)
        commitWakePoller.add(commitWake)
        committer.start()
        snapshots.start(socket: sockets.snapshot)
    }

    func run() {
        emit(startedEvent())
        send(engine.reconcileIndicators())
        while !loop.isStopRequested {
            do {
                try iterate()
            } catch let error as ZMQError where error.isContextTerminated {
                break
            } catch {
                loop.logger.error("socket loop error", metadata: ["error": "\(error)"])
            }
        }
        // Drain what has already arrived, so nothing received before the stop goes unanswered.
        do {
            try processWrites()
            try drainPipeline()
        } catch {
            loop.logger.error("final drain failed", metadata: ["error": "\(error)"])
        }
        snapshots.stop()
        viewRequests.close()
        committer.stop()
        commitWake.close()
        var stopping = EventRecord(kind: "daemon.stopping", at: clock.nowMilliseconds())
        stopping.set("sequence", number: Int64(engine.sequence))
        emit(stopping)
        loop.eventLog.flush()
    }

    private func iterate() throws {
        let now = clock.nowMilliseconds()
        var timeout = 100
        let interval = UInt64(loop.configuration.heartbeatIntervalMilliseconds)
        timeout = min(timeout, Int(clamping: (lastHeartbeat + interval) &- min(now, lastHeartbeat + interval)))
        if let expiry = engine.nextExpiryMilliseconds {
            timeout = min(timeout, Int(clamping: expiry > now ? expiry - now : 0))
        }
        _ = try poller.poll(timeoutMilliseconds: max(0, timeout))
        if poller.isReadable(commitWakeIndex) { try emptyCommitWake() }
        takeCommitResults()
        if let zap, let zapIndex, poller.isReadable(zapIndex) {
            for event in try zap.answer(now: clock.nowMilliseconds()) { emit(event) }
        }
        if loop.takeReloadRequest() { reloadKeys() }
        if poller.isReadable(viewRequestIndex) { try offerSnapshotView() }
        if engine.pending.count >= Self.maximumBatchesInFlight { try waitForCommit(timeoutMilliseconds: 100) }
        if engine.pending.count < Self.maximumBatchesInFlight { try processWrites() }
        if let expiry = engine.nextExpiryMilliseconds, expiry <= clock.nowMilliseconds() {
            try drainPipeline()
            send(engine.expireDue())
        }
        let after = clock.nowMilliseconds()
        if after >= lastHeartbeat + interval {
            _ = try sockets.publisher.send(Update.hugz(sequence: engine.committedSequence).encode(), mode: .dontWait)
            lastHeartbeat = after
            if !uuidFilterSettled { checkUUIDFilter() }
        }
    }

    /// Drains the submit and collector sockets (up to the batch limit) and group-commits.
    private func processWrites() throws {
        var writes: [IncomingWrite] = []
        let limit = loop.configuration.batchLimit
        while writes.count < limit, let message = try sockets.submit.receive(mode: .dontWait, through: &receiveFrame) {
            // Under load a batch fills up: room for all of it at once.
            if writes.isEmpty { writes.reserveCapacity(min(limit, 1_024)) }
            if let write = decoder.submit(message.frames, userId: message.userId, peer: message.peerAddress) {
                writes.append(write)
            }
        }
        if let collector = sockets.collector {
            while writes.count < limit, let message = try collector.receive(mode: .dontWait, through: &receiveFrame) {
                do {
                    writes.append(try decoder.collector(message.frames, userId: message.userId, peer: message.peerAddress))
                } catch {
                    var event = EventRecord(kind: "collector.dropped", at: clock.nowMilliseconds())
                    event.set("detail", error.description)
                    event.set("peer", message.peerAddress)
                    emit(event)
                }
            }
        }
        guard !writes.isEmpty else { return }
        switch engine.prepare(writes) {
        case .answered(let output):
            send(output)
        case .pending(let prepared):
            committer.submit(id: prepared.id, prepared.batch)
        }
    }

    /// Sends what committed batches produced, or rolls back when a commit failed.
    private func takeCommitResults() {
        for result in committer.takeResults() {
            if let error = result.error {
                // Results of batches already rolled back are old news.
                guard let first = result.ids.first, engine.isPending(first) else { continue }
                send(engine.rollBack(error))
                committer.resume()
            } else {
                for id in result.ids where engine.pending.first?.id == id { send(engine.confirmOldest()) }
            }
        }
    }

    /// Waits until every batch handed to the committer is answered.
    private func drainPipeline() throws {
        while engine.hasPendingBatches { try waitForCommit(timeoutMilliseconds: 1000) }
    }

    /// Waits (at most the time-out) for the committer to finish a commit, and sends its outputs.
    private func waitForCommit(timeoutMilliseconds: Int) throws {
        takeCommitResults()
        guard engine.hasPendingBatches else { return }
        _ = try commitWakePoller.poll(timeoutMilliseconds: timeoutMilliseconds)
        try emptyCommitWake()
        takeCommitResults()
    }

    private func emptyCommitWake() throws {
        while try commitWake.receive(mode: .dontWait) != nil {}
    }

    /// Sends what a committed batch produced: events (logged before anyone hears of the outcome),
    /// then replies, then publishes.
    private func send(_ output: EngineOutput) {
        logAndPublish(output.events)
        for (envelope, reply) in output.replies {
            do {
                _ = try sender.sendReply(reply, to: envelope, on: sockets.submit)
            } catch {
                loop.logger.warning("reply not delivered", metadata: ["key": "\(reply.key)", "error": "\(error)"])
            }
        }
        for value in output.publishes {
            try? sender.sendPublished(value, on: sockets.publisher)
        }
    }

    /// Writes a batch's events into one buffer of lines, which goes to the event log as it is; the
    /// events socket sends each line's object from it.
    private func logAndPublish(_ events: [EngineEvent]) {
        guard !events.isEmpty else { return }
        var lines: [UInt8] = []
        lines.reserveCapacity(events.count * 320)
        var objects: [Range<Int>] = []
        objects.reserveCapacity(events.count)
        // The events of a batch share one time: its text is written once.
        var timestamp: (milliseconds: UInt64, text: String)?
        for event in events {
            if timestamp?.milliseconds != event.timestampMilliseconds {
                timestamp = (event.timestampMilliseconds, EventRecord.rfc3339(milliseconds: event.timestampMilliseconds))
            }
            let start = lines.count
            event.appendJSON(timestampText: timestamp!.text, to: &lines)
            objects.append(start..<lines.count)
            lines.append(UInt8(ascii: "\n"))
        }
        loop.eventLog.append(lines: lines)
        lines.withUnsafeBytes { bytes in
            for (event, object) in zip(events, objects) {
                try? sender.sendEvent(kind: event.kind, json: UnsafeRawBufferPointer(rebasing: bytes[object]), on: sockets.events)
            }
        }
    }

    /// Once the store's uuid filter is filled, or could not be: a failure costs speed only (every
    /// uuid is looked up in the database), and is said once, in the log and as an event.
    private func checkUUIDFilter() {
        let store = engine.store
        if let failure = store.uuidFilterFailure {
            uuidFilterSettled = true
            loop.logger.warning("seen uuids not read into the lookup filter; every uuid is looked up in the database", metadata: ["error": "\(failure)"])
            var event = EventRecord(kind: "storage.uuid_filter_failed", at: clock.nowMilliseconds())
            event.set("detail", failure)
            emit(event)
        } else if !store.isUUIDFilterPending {
            uuidFilterSettled = true
        }
    }

    /// The snapshot server wants the values: committed ones only, with the sequence they reflect.
    private func offerSnapshotView() throws {
        while try viewRequests.receive(mode: .dontWait) != nil {}
        try drainPipeline()
        snapshots.offer(SnapshotServer.View(values: engine.values, sequence: engine.sequence))
    }

    /// Re-reads the keys directory (SIGHUP); on error the keys in force stay.
    private func reloadKeys() {
        guard let directory = loop.configuration.keysDirectory else { return }
        var event = EventRecord(kind: "keys.reloaded", at: clock.nowMilliseconds())
        do {
            let ring = try KeyRing.load(directory: directory)
            guard ring.serverKeyPair == loop.keyRing.withLock({ $0?.serverKeyPair }) else {
                throw DaemonError.security("the server key changed; restart townd to use a new server key")
            }
            loop.keyRing.withLock { $0 = ring }
            zap?.keyRing = ring
            event.set("clients", number: Int64(ring.clients.count))
        } catch {
            event = EventRecord(kind: "keys.reload_failed", at: clock.nowMilliseconds())
            event.set("detail", "\(error); the keys in force stay")
        }
        emit(event)
    }

    func emit(_ event: EventRecord) {
        let json = event.json()
        loop.eventLog.append(lines: json + [UInt8(ascii: "\n")])
        publish(event.kind, json)
    }

    /// Publishes an event on the events socket (P+4).
    private func publish(_ kind: String, _ json: [UInt8]) {
        json.withUnsafeBytes { try? sender.sendEvent(kind: kind, json: $0, on: sockets.events) }
    }

    private func startedEvent() -> EventRecord {
        let configuration = loop.configuration
        var event = EventRecord(kind: "daemon.started", at: clock.nowMilliseconds())
        event.set("bind", configuration.bindAddress)
        event.set("base_port", number: Int64(configuration.basePort))
        event.set("curve", loop.curveSecretKey == nil ? "off" : "on")
        event.set("sequence", number: Int64(engine.sequence))
        event.set("keys", number: Int64(engine.liveKeyCount))
        return event
    }
}
