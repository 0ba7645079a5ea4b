import Foundation
import Logging
import Synchronization
import TownModel
import TownStore
import TownWire
import ZeroMQ

/// The daemon's socket loop on its own thread (never the cooperative pool): it opens the store,
/// binds the sockets, then polls, drains, group-commits through the ``WriteEngine`` and answers.
public final class SocketLoop: Sendable {
    let configuration: DaemonConfiguration
    let context: ZMQContext
    let eventLog: EventLog
    let logger: Logger
    let policy: any WritePolicy
    let curveSecretKey: String?
    let schema: KeySchema?
    /// The CURVE key ring (nil: CURVE off); replaced on reload.
    let keyRing: Mutex<KeyRing?>
    private let reloadRequested = Atomic<Bool>(false)
    /// Tests only: leave the ZAP handler out, to prove townd then refuses to start.
    let bindsZAPHandler: Bool
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let state = Mutex<LoopState>(LoopState())

    struct LoopState {
        var startup: Result<StartupReport, any Error>?
        var finishWaiters: [CheckedContinuation<Void, Never>] = []
        var isFinished = false
    }

    /// What the loop reports once ready.
    public struct StartupReport: Sendable {
        public var sequence: UInt64
        public var keys: Int
    }

    public init(
        configuration: DaemonConfiguration, context: ZMQContext, eventLog: EventLog, logger: Logger,
        policy: any WritePolicy = AccessRules(), schema: KeySchema? = nil, keyRing: KeyRing? = nil,
        bindsZAPHandler: Bool = true
    ) {
        self.schema = schema
        self.keyRing = Mutex(keyRing)
        self.curveSecretKey = keyRing?.serverKeyPair.secretKey
        self.bindsZAPHandler = bindsZAPHandler
        self.configuration = configuration
        self.context = context
        self.eventLog = eventLog
        self.logger = logger
        self.policy = policy
    }

    /// Asks the loop to re-read the keys directory (SIGHUP).
    public func requestKeyReload() { reloadRequested.store(true, ordering: .releasing) }

    /// Takes a pending reload request.
    func takeReloadRequest() -> Bool { reloadRequested.exchange(false, ordering: .acquiringAndReleasing) }

    /// Starts the thread and waits until the store is open and every socket is bound (or throws
    /// why not).
    public func start() throws -> StartupReport {
        let ready = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            // Named from the thread itself (see ``ThreadName``), so `top -H` and /proc show each of
            // townd's threads: townd-sockets, townd-commit, townd-snapshots, townd-wal, and
            // ZeroMQ's ZMQbg/IO/0.
            ThreadName.setCurrent("townd-sockets")
            threadMain(ready: ready)
        }
        thread.start()
        ready.wait()
        return try state.withLock { $0.startup! }.get()
    }

    /// Asks the loop to drain what it has, commit, and stop (returns at once).
    public func requestStop() { stopRequested.store(true, ordering: .releasing) }

    var isStopRequested: Bool { stopRequested.load(ordering: .acquiring) }

    /// Waits (blocking) until the loop has stopped.
    public func waitUntilStopped() {
        finished.wait()
        finished.signal()
    }

    /// Waits until the loop has stopped.
    public func stopped() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { state -> Bool in
                if state.isFinished { return true }
                state.finishWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func threadMain(ready: DispatchSemaphore) {
        defer {
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.isFinished = true
                defer { state.finishWaiters = [] }
                return state.finishWaiters
            }
            for waiter in waiters { waiter.resume() }
            finished.signal()
        }
        let engine: WriteEngine
        let sockets: DaemonSockets
        let server: LoopServer
        let store: Store
        var zap: ZAPResponder?
        do {
            store = try Store(
                path: configuration.databasePath, synchronous: configuration.synchronous, backgroundCheckpoints: true)
            engine = try WriteEngine(
                store: store, policy: policy,
                maximumOffsetMilliseconds: configuration.maximumClockOffsetMilliseconds, schema: schema)
            let ring = keyRing.withLock { $0 }
            // The ZAP handler comes first: a CURVE server socket without one accepts anybody.
            if let ring, bindsZAPHandler { zap = try ZAPResponder(context: context, keyRing: ring) }
            sockets = try DaemonSockets(context: context, configuration: configuration, curveSecretKey: curveSecretKey)
            if let ring {
                try CurveSelfCheck(context: context, configuration: configuration, serverKey: ring.serverKeyPair.publicKey)
                    .run(submit: sockets.submit, zap: zap)
            }
            server = try LoopServer(loop: self, engine: engine, sockets: sockets, zap: zap)
        } catch let error as StoreError {
            state.withLock { $0.startup = .failure(DaemonError.storage(error.description)) }
            ready.signal()
            return
        } catch {
            state.withLock { $0.startup = .failure(error) }
            ready.signal()
            return
        }
        // Loading a large store frees much of what it allocated: give that back to the system.
        MemoryTrim.releaseFreeMemory()
        let report = StartupReport(sequence: engine.sequence, keys: engine.liveKeyCount)
        state.withLock { $0.startup = .success(report) }
        ready.signal()
        server.run()
        sockets.closeAll()
        // Every commit is done: what still waits in the history goes to its table, so the next start
        // reads nothing back (if this fails, nothing is lost: the next start reads it back).
        do {
            try store.writeDeferredValues()
        } catch {
            logger.warning(
                "values not written to kv at stop; the next start reads them back from the history",
                metadata: ["error": "\(error)"])
        }
        // Likewise the seen uuids (a run of blocks when there are many, else into `seen_uuid`).
        do {
            try store.writeDeferredSeen()
        } catch {
            logger.warning(
                "seen uuids not written out at stop; the next start reads them back from the history",
                metadata: ["error": "\(error)"])
        }
        store.stopBackgroundCheckpoints()
    }
}
