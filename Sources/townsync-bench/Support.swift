import Foundation

/// Free five-port blocks on loopback for each scenario, in 10,000..<19,995: below Linux's
/// ephemeral range (32,768-60,999), where a client's local port could take a townd's port
/// between a kill and the restart, and apart from the tests' blocks (20,000 and up).
struct PortPicker {
    private var cursor = 10_000 + 5 * Int.random(in: 0..<1_999)

    mutating func next() throws -> Int {
        for _ in 0..<400 {
            let base = cursor
            cursor += 5
            if cursor + 5 > 19_995 { cursor = 10_000 }
            if (0..<5).allSatisfy({ Self.isFree(base + $0) }) { return base }
        }
        throw BenchError("no free loopback ports")
    }

    static func isFree(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

/// Temporary directories for the scenarios, removed at exit.
enum Scratch {
    nonisolated(unsafe) static var created: [String] = []

    static func directory(_ settings: BenchSettings, _ name: String) throws -> String {
        let path = settings.directory + "/townsync-bench-\(getpid())-\(name)"
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        created.append(path)
        return path
    }

    static func removeAll() {
        for path in created { try? FileManager.default.removeItem(atPath: path) }
    }
}
