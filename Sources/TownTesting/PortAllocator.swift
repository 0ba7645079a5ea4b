import Foundation
import Synchronization

/// Hands out blocks of five consecutive loopback ports (P..P+4) that no other test in this
/// process has, and that were free when checked, so parallel tests never meet on a port.
///
/// The blocks lie in 20,000..<32,760, below Linux's ephemeral range (32,768-60,999): a port in
/// that range can be taken between a townd's kill and its restart by any outgoing connection on
/// the machine (a client's local port), and `bind` then fails with "Address already in use".
public enum PortAllocator {
    private static let lowest = 20_000
    private static let end = 32_760
    private static let next = Mutex<Int>(lowest + 5 * Int.random(in: 0..<((end - lowest) / 5)))

    /// A base port whose five ports were free a moment ago.
    public static func basePort() -> Int {
        while true {
            let candidate = next.withLock { value -> Int in
                let current = value
                value = value + 10 > end ? lowest : value + 5
                return current
            }
            if (0..<5).allSatisfy({ isFree(candidate + $0) }) { return candidate }
        }
    }

    /// Whether a TCP port on 127.0.0.1 can be bound right now.
    public static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
