import Foundation
import Synchronization

/// Hands out blocks of five consecutive loopback ports (P..P+4) that no other test in this
/// process has, and that were free when checked, so parallel tests never meet on a port.
public enum PortAllocator {
    private static let next = Mutex<Int>(20_000 + 5 * Int.random(in: 0..<6_000))

    /// A base port whose five ports were free a moment ago.
    public static func basePort() -> Int {
        while true {
            let candidate = next.withLock { value -> Int in
                let current = value
                value = value + 5 > 60_000 ? 20_000 : value + 5
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
