import Foundation
import ZeroMQ

/// A minimal ZAP handler on its own thread: maps known CURVE public keys to user ids.
final class TestZAPHandler: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private(set) var requests: [ZAPRequest] = []

    init(context: ZMQContext, users: [String: String]) throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = LockedBox<Error?>(nil)
        let thread = Thread { [self] in
            defer { finished.signal() }
            let socket: Socket
            do {
                socket = try context.socket(.rep)
                try socket.bind(ZAPRequest.endpoint)
            } catch {
                failure.value = error
                ready.signal()
                return
            }
            ready.signal()
            while !isStopping {
                guard let message = try? socket.receive(timeoutMilliseconds: 20) else { continue }
                guard let request = ZAPRequest.decode(message.frames) else { continue }
                record(request)
                let user = request.curvePublicKey.flatMap { users[$0] }
                _ = try? socket.send(request.reply(userId: user))
            }
            socket.close()
        }
        thread.start()
        ready.wait()
        if let error = failure.value { throw error }
    }

    private var isStopping: Bool { lock.withLock { stopping } }
    private func record(_ request: ZAPRequest) { lock.withLock { requests.append(request) } }

    func stop() {
        lock.withLock { stopping = true }
        finished.wait()
    }
}

final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
