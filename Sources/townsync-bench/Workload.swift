import Foundation
import TownMerge
import TownWire

/// The synthetic town of the benchmark: villages `v000001`... and two figures each, keys of the
/// real schema.
struct Workload: Sendable {
    let villages: Int

    var keyCount: Int { villages * 2 }

    /// `v000001`...: zero-padded to six digits (without `String(format:)`, which cost the load
    /// generator more than the rest of building a request).
    func village(_ index: Int) -> String {
        let digits = String(index + 1)
        return "v" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    func key(_ index: Int) -> (key: String, village: String) {
        let village = self.village(index / 2)
        return ("/village/\(village)/2023/\(index % 2 == 0 ? "collective_income" : "operating_income")", village)
    }

    /// The value stored for key `index` when a scenario fills the store: figures as a real village
    /// reports them (operating income within collective income, so the cross-field rule holds).
    func storedBody(_ index: Int) -> [UInt8] {
        let collective = 1_000_000 + index - index % 2
        return Array(String(index % 2 == 0 ? collective : collective / 2).utf8)
    }

    /// Writes the villages registry townd loads with `--villages`.
    func writeRegistry(to path: String) throws {
        var text = "["
        for index in 0..<villages {
            if index > 0 { text += "," }
            text += "{\"id\":\"\(village(index))\",\"name_zh\":\"村\(index + 1)\"}"
        }
        text += "]"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Submit `n` of `connection`: connection c writes the keys k with k % C == c, so no two
    /// connections ever stamp the same key. With `keepingTheRule` the figure written is `value`
    /// made into what a village reports: a collective income of 10,000,000 yuan and more, an
    /// operating income under 1,000,000, so no write puts a village in breach of the cross-field
    /// rule (as few real figures do); without it, `value` itself (fan-out sends its send time).
    func submit(
        connection: Int, connections: Int, n: Int, uuid: [UInt8], value: UInt64, keepingTheRule: Bool = true
    ) -> [[UInt8]] {
        let perConnection = max(1, keyCount / connections)
        let index = (n % perConnection) * connections + connection
        let (key, village) = self.key(index % keyCount)
        let wall = UInt64(Date().timeIntervalSince1970 * 1000)
        let stamp = Stamp(wallMilliseconds: wall, counter: UInt32(truncatingIfNeeded: n), origin: "village:\(village)")
        let figure = !keepingTheRule ? value : (index % 2 == 0 ? 10_000_000 + value % 1_000_000 : value % 1_000_000)
        return SubmitRequest(key: key, uuid: uuid, stamp: stamp, body: Array(String(figure).utf8)).encode()
    }
}
