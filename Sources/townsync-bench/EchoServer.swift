import Foundation
import Synchronization
import ZeroMQ

/// The transport ceiling's far end: a ROUTER that sends every message straight back.
final class EchoServer: Sendable {
    let endpoint: String
    private let stopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(context: ZMQContext, port: Int) throws {
        endpoint = "tcp://127.0.0.1:\(port)"
        let ready = DispatchSemaphore(value: 0)
        let endpoint = self.endpoint
        Thread { [self] in
            defer { finished.signal() }
            guard let router = try? context.socket(.router) else {
                ready.signal()
                return
            }
            try? router.setSendHighWaterMark(0)
            try? router.setReceiveHighWaterMark(0)
            try? router.bind(endpoint)
            ready.signal()
            while !stopping.load(ordering: .relaxed) {
                guard let message = try? router.receive(timeoutMilliseconds: 100) else { continue }
                _ = try? router.send(message.frames)
                while let more = try? router.receive(mode: .dontWait) { _ = try? router.send(more.frames) }
            }
        }.start()
        ready.wait()
    }

    func stop() {
        stopping.store(true, ordering: .relaxed)
        finished.wait()
    }
}
