import Foundation
import TownWire

/// One DEALER connection spoken straight over TCP in ZMTP 3.0 with the NULL mechanism (RFC 23),
/// with no library and no thread of its own: the owner polls ``descriptor`` and calls
/// ``fill()``, ``nextMessage(into:)``, ``queue(_:)`` and ``flush()``.
///
/// The benchmark's load generator shares two cores with townd. Through libzmq each of its
/// connections costs a thread that sleeps and wakes for its replies, and the context's I/O thread
/// copies every frame once more and wakes that thread through an eventfd; here one thread can poll
/// every connection and read and write many messages a system call. The peer sees what a libzmq
/// DEALER sends: the greeting, READY with `Socket-Type`, data frames; PINGs are answered.
public final class ZMTPDealer {
    /// The connected socket (non-blocking once the handshake is done).
    public let descriptor: Int32
    /// Splits what arrives into messages and keeps the commands aside.
    private var decoder: FrameStreamDecoder
    /// Each read lands here first.
    private var scratch: [UInt8]
    /// Whole messages read and not yet taken, from `nextIndex` on.
    private var messages: [[[UInt8]]] = []
    private var nextIndex = 0
    private var output: [UInt8] = []
    private var outputStart = 0

    /// Connects to `host:port` (an IPv4 address) and completes the handshake, blocking: each read
    /// waits at most `timeoutSeconds`. A frame larger than `maximumFrameBytes` is an error later.
    public init(host: String = "127.0.0.1", port: Int, timeoutSeconds: Int = 5, maximumFrameBytes: Int = 1 << 20) throws(ZMTPError) {
        descriptor = try Self.connected(host: host, port: port, timeoutSeconds: timeoutSeconds)
        decoder = FrameStreamDecoder(maximumFrameBytes: maximumFrameBytes, acceptsCommands: true)
        scratch = [UInt8](repeating: 0, count: 1 << 16)
    }

    /// A socket connected to `host:port` with the handshake done, non-blocking; closed again when
    /// anything fails (the instance, and so `deinit`, exists only once this has succeeded).
    private static func connected(host: String, port: Int, timeoutSeconds: Int) throws(ZMTPError) -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw ZMTPError("socket: \(String(cString: strerror(errno)))") }
        do throws(ZMTPError) {
            var one: Int32 = 1
            setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
            guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw ZMTPError("\(host) is not an IPv4 address") }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw ZMTPError("connect to \(host):\(port): \(String(cString: strerror(errno)))") }
            try handshake(on: descriptor)
            let flags = fcntl(descriptor, F_GETFL)
            _ = fcntl(descriptor, F_SETFL, flags | O_NONBLOCK)
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// The 64-byte greeting: signature, version 3.0, mechanism `NULL`, as-server 0, filler.
    public static let greeting: [UInt8] = {
        var bytes: [UInt8] = [0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0x7F, 3, 0]
        bytes += Array("NULL".utf8) + [UInt8](repeating: 0, count: 16)
        bytes += [UInt8](repeating: 0, count: 32)
        return bytes
    }()

    /// The NULL mechanism's READY command with the one property a DEALER sends.
    public static let ready: [UInt8] = {
        var body: [UInt8] = [5] + Array("READY".utf8)
        body += [UInt8("Socket-Type".utf8.count)] + Array("Socket-Type".utf8)
        body += [0, 0, 0, UInt8("DEALER".utf8.count)] + Array("DEALER".utf8)
        var bytes: [UInt8] = []
        FrameStreamEncoder.appendCommand(body, to: &bytes)
        return bytes
    }()

    private static func handshake(on descriptor: Int32) throws(ZMTPError) {
        try writeAll(greeting, to: descriptor)
        // libzmq sends its signature at once and the rest after reading ours, or, when it runs a
        // security mechanism other than NULL (CURVE), hangs up instead: the reason is named.
        let part = "greeting (a peer that wants a security mechanism other than NULL, such as CURVE, hangs up instead)"
        let signature = try readExactly(10, of: part, from: descriptor)
        guard signature[0] == 0xFF, signature[9] == 0x7F else { throw ZMTPError("the peer's greeting has no ZMTP signature") }
        let rest = try readExactly(54, of: part, from: descriptor)
        guard rest[0] >= 3 else { throw ZMTPError("the peer speaks ZMTP \(rest[0]), not 3") }
        let mechanism = String(decoding: rest[2..<22].prefix(while: { $0 != 0 }), as: UTF8.self)
        guard mechanism == "NULL" else {
            throw ZMTPError("the peer asks for the \(mechanism) security mechanism; this client speaks NULL only")
        }
        try writeAll(ready, to: descriptor)
        let header = try readExactly(2, of: "READY", from: descriptor)
        guard header[0] & FrameStreamDecoder.commandFlag != 0 else { throw ZMTPError("the peer sent data before READY") }
        var size = Int(header[1])
        if header[0] & FrameStreamDecoder.longFlag != 0 {
            size = try readExactly(7, of: "READY", from: descriptor).reduce(size) { $0 << 8 | Int($1) }
            guard size < 1 << 20 else { throw ZMTPError("the peer's handshake command is \(size) bytes") }
        }
        let command = try readExactly(size, of: "READY", from: descriptor)
        let name = command.isEmpty ? "" : String(decoding: command.dropFirst().prefix(Int(command[0])), as: UTF8.self)
        guard name == "READY" else {
            throw ZMTPError("the peer answered the handshake with \(name.isEmpty ? "nothing" : name), not READY")
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(ZMTPError) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { throw ZMTPError("handshake write: \(String(cString: strerror(errno)))") }
            written += count
        }
    }

    /// `count` bytes of the peer's `part` of the handshake.
    private static func readExactly(_ count: Int, of part: String, from descriptor: Int32) throws(ZMTPError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var have = 0
        while have < count {
            let got = bytes.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress! + have, count - have, 0) }
            guard got > 0 else {
                throw ZMTPError(
                    got == 0 || errno == ECONNRESET ? "the peer closed the connection before its \(part)"
                        : "reading the peer's \(part): \(String(cString: strerror(errno)))")
            }
            have += got
        }
        return bytes
    }

    // MARK: Messages

    /// Queues a multipart message; ``flush()`` writes it.
    public func queue(_ frames: [[UInt8]]) {
        FrameStreamEncoder.append(frames, to: &output)
    }

    /// Queues a message that `write` appends already framed (ZMTP 3 data frames, as
    /// ``FrameStreamEncoder`` writes them) to the bytes waiting to go; ``flush()`` writes it.
    public func queue(writing write: (inout [UInt8]) -> Void) {
        write(&output)
    }

    /// Whether queued bytes wait for the socket.
    public var hasOutput: Bool { outputStart < output.count }

    /// Writes what the socket takes now; throws when the connection is gone.
    public func flush() throws(ZMTPError) {
        while outputStart < output.count {
            let count = output[outputStart...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                if errno == EINTR { continue }
                throw ZMTPError("write: \(String(cString: strerror(errno)))")
            }
            outputStart += count
        }
        if outputStart == output.count {
            output.removeAll(keepingCapacity: true)
            outputStart = 0
        }
    }

    /// Reads what has arrived, without waiting, and answers the PINGs in it (PONG, queued); throws
    /// when the peer has closed the connection or sent what is not ZMTP 3 framing. The messages
    /// wait for ``nextMessage(into:)``.
    public func fill() throws(ZMTPError) {
        if nextIndex == messages.count {
            messages.removeAll(keepingCapacity: true)
            nextIndex = 0
        }
        try fill { messages.append($0.frames) }
    }

    /// Reads what has arrived, without waiting, and hands each whole message to `body` in place
    /// (its frames valid only during the call); answers PINGs as ``fill()`` does.
    public func fill(eachMessage body: (FrameStreamMessage) -> Void) throws(ZMTPError) {
        while true {
            let count = scratch.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                do {
                    try decoder.feed(scratch[..<count], eachMessage: body)
                } catch {
                    throw ZMTPError("the peer sent what is not ZMTP 3 framing: \(error)")
                }
                for command in decoder.takeCommands() {
                    if let pong = Self.pong(answering: command[...]) { FrameStreamEncoder.appendCommand(pong, to: &output) }
                }
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            if count < 0 && errno == EINTR { continue }
            throw ZMTPError(count == 0 ? "the peer closed the connection" : "read: \(String(cString: strerror(errno)))")
        }
    }

    /// The next whole message read, its frames in `frames`; false when none is waiting.
    public func nextMessage(into frames: inout [[UInt8]]) -> Bool {
        guard nextIndex < messages.count else { return false }
        swap(&frames, &messages[nextIndex])
        nextIndex += 1
        return true
    }

    /// PONG's body for a PING's (name, 2-byte TTL, context of up to 16 bytes); nil for any other command.
    public static func pong(answering command: ArraySlice<UInt8>) -> [UInt8]? {
        guard command.count >= 7, command.first == 4, command.dropFirst().prefix(4).elementsEqual("PING".utf8) else { return nil }
        return [4] + Array("PONG".utf8) + command.dropFirst(7).prefix(16)
    }
}
