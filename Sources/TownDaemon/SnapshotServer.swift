import Foundation
import Logging
import Synchronization
import TownStore
import TownWire
import ZeroMQ

/// Serves snapshots (ICANHAZ? -> KVSYNC... KTHXBAI) on a thread of its own, so writes go on while
/// one is sent: a million keys take about a second to send, and the socket loop used to answer
/// no write meanwhile.
///
/// For each round of requests the thread asks the socket loop for a view (an inproc message);
/// the loop waits for the commits in flight and hands over its values as they are (a copy that
/// costs nothing until the loop next changes them: then the loop's next write copies the table
/// once) with the sequence they reflect. Every request of the round is answered from that view.
final class SnapshotServer: Sendable {
    /// The committed values and the sequence they reflect.
    struct View: Sendable {
        let values: ValueTable
        let sequence: UInt64
    }

    /// The snapshot socket, handed from the thread that bound it to this server's thread once.
    private struct SocketHandOff: @unchecked Sendable { let socket: Socket }

    private let context: ZMQContext
    private let viewEndpoint: String
    private let logger: Logger
    private let offered = Mutex<View?>(nil)
    private let viewReady = DispatchSemaphore(value: 0)
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// At most this many requests are answered from one view.
    static let requestsPerView = 16

    init(context: ZMQContext, viewEndpoint: String, logger: Logger) {
        self.context = context
        self.viewEndpoint = viewEndpoint
        self.logger = logger
    }

    /// Starts serving on `socket` (bound, configured; from now on used by this server's thread only).
    func start(socket: Socket) {
        let handOff = SocketHandOff(socket: socket)
        let thread = Thread { [self] in
            ThreadName.setCurrent("townd-snapshots")
            run(handOff.socket)
        }
        thread.start()
    }

    /// The socket loop's answer to a view request.
    func offer(_ view: View) {
        offered.withLock { $0 = view }
        viewReady.signal()
    }

    /// Ends the thread (a snapshot being sent is cut short) and returns once it has.
    func stop() {
        stopping.store(true, ordering: .releasing)
        finished.wait()
    }

    private var isStopping: Bool { stopping.load(ordering: .acquiring) }

    private func run(_ socket: Socket) {
        defer { finished.signal() }
        let poller = Poller()
        poller.add(socket)
        let wantView: Socket
        do {
            wantView = try context.socket(.push)
            try wantView.connect(viewEndpoint)
        } catch {
            logger.error("snapshot server cannot reach the socket loop", metadata: ["error": "\(error)"])
            return
        }
        defer { wantView.close() }
        while !isStopping {
            guard (try? poller.poll(timeoutMilliseconds: 100)) ?? 0 > 0 else { continue }
            let requests = takeRequests(socket)
            guard !requests.isEmpty, let view = requestView(wantView) else { continue }
            for (envelope, request) in requests {
                do {
                    try send(view, request, to: envelope, on: socket)
                } catch {
                    logger.warning(
                        "snapshot not delivered", metadata: ["subtree": "\(request.subtree)", "error": "\(error)"])
                }
            }
        }
    }

    /// The requests waiting now (malformed ones are dropped, as CHP has no error reply).
    private func takeRequests(_ socket: Socket) -> [(envelope: [[UInt8]], request: SnapshotRequest)] {
        var requests: [(envelope: [[UInt8]], request: SnapshotRequest)] = []
        while requests.count < Self.requestsPerView, let message = try? socket.receive(mode: .dontWait) {
            guard message.frames.count >= 2 else { continue }
            do {
                requests.append(([message.frames[0]], try SnapshotRequest.decode(Array(message.frames.dropFirst()))))
            } catch {
                logger.debug("malformed snapshot request", metadata: ["error": "\(error)"])
            }
        }
        return requests
    }

    /// Asks the socket loop for a view and waits for it (nil when stopping).
    private func requestView(_ wantView: Socket) -> View? {
        offered.withLock { $0 = nil }
        guard (try? wantView.send([[]], mode: .dontWait)) == true else { return nil }
        while !isStopping {
            if viewReady.wait(timeout: .now() + .milliseconds(100)) == .success,
                let view = offered.withLock({ view in defer { view = nil }; return view })
            {
                return view
            }
        }
        return nil
    }

    private struct Stopped: Error {}

    private func send(_ view: View, _ request: SnapshotRequest, to envelope: [[UInt8]], on socket: Socket) throws {
        let subtree = request.subtree == "/" ? "" : request.subtree
        // Each KVSYNC goes out frame by frame from the stored bytes, through one reused
        // properties buffer: a snapshot of a million keys allocates nothing per key.
        var properties: [UInt8] = []
        properties.reserveCapacity(96)
        var sent = 0
        try view.values.forEachEntry { value in
            guard !value.isTombstone && Subtree.contains(subtree, keyBytes: value.key) else { return }
            sent += 1
            if sent % 4_096 == 0 && isStopping { throw Stopped() }
            for (index, frame) in envelope.enumerated() {
                guard try socket.send(frame: frame, more: true, mode: index == 0 ? .dontWait : .blocking) else {
                    throw DaemonError.socket("snapshot client is not reading (high-water mark)")
                }
            }
            try socket.send(frame: value.key, more: true)
            var sequence = value.sequence.bigEndian
            try withUnsafeBytes(of: &sequence) { _ = try socket.send(frame: $0, more: true) }
            try socket.send(frame: value.uuid, more: true)
            properties.removeAll(keepingCapacity: true)
            KVMessage.appendPublishedProperties(
                time: value.time, origin: value.origin, ttlSeconds: value.ttlSeconds, to: &properties)
            try socket.send(frame: properties, more: true)
            try socket.send(frame: value.body)
        }
        let end = SnapshotReply.kthxbai(sequence: view.sequence, subtree: request.subtree)
        _ = try socket.send(envelope + end.encode(), mode: .dontWait)
    }
}
