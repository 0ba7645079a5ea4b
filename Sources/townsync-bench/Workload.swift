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
    ///
    /// Written straight into bytes, the same as `SubmitRequest(...).encode()` (see
    /// ``submitThroughTheWireTypes(connection:connections:n:uuid:value:keepingTheRule:)``): the load
    /// generator shares the two cores with townd, and building each request from strings through
    /// the general encoder cost it about as much CPU as townd's socket thread spends on receiving.
    func submit(
        connection: Int, connections: Int, n: Int, uuid: [UInt8], value: UInt64, keepingTheRule: Bool = true
    ) -> [[UInt8]] {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let wall = UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
        return submit(
            connection: connection, connections: connections, n: n, uuid: uuid, value: value, wall: wall,
            keepingTheRule: keepingTheRule)
    }

    func submit(
        connection: Int, connections: Int, n: Int, uuid: [UInt8], value: UInt64, wall: UInt64, keepingTheRule: Bool
    ) -> [[UInt8]] {
        let perConnection = max(1, keyCount / connections)
        let index = (n % perConnection) * connections + connection
        let keyIndex = index % keyCount
        let figure = !keepingTheRule ? value : (index % 2 == 0 ? 10_000_000 + value % 1_000_000 : value % 1_000_000)
        var key: [UInt8] = []
        key.reserveCapacity(40)
        key += Self.villagePrefix
        Self.appendVillage(keyIndex / 2, to: &key)
        key += keyIndex % 2 == 0 ? Self.collectiveSuffix : Self.operatingSuffix
        var properties: [UInt8] = []
        properties.reserveCapacity(64)
        properties += Self.stampPrefix
        LogicalTime(wallMilliseconds: wall, counter: UInt32(truncatingIfNeeded: n)).appendText(to: &properties)
        properties += Self.originPrefix
        Self.appendVillage(keyIndex / 2, to: &properties)
        properties.append(0x0A)
        var body: [UInt8] = []
        KVMessage.appendDecimal(figure, to: &body)
        return [key, Self.zeroSequence, uuid, properties, body]
    }

    /// ``submit(connection:connections:n:uuid:value:wall:keepingTheRule:)`` framed for the wire
    /// straight into `bytes` (ZMTP 3 data frames, the bytes `FrameStreamEncoder` writes for it),
    /// with the uuid of ``PipelinedLoad/uuid(request:connection:)``: no array a frame, for the load
    /// generator's sake (it shares the two cores with townd).
    func appendSubmit(
        connection: Int, connections: Int, n: Int, value: UInt64, wall: UInt64, keepingTheRule: Bool,
        to bytes: inout [UInt8]
    ) {
        let perConnection = max(1, keyCount / connections)
        let index = (n % perConnection) * connections + connection
        let keyIndex = index % keyCount
        let figure = !keepingTheRule ? value : (index % 2 == 0 ? 10_000_000 + value % 1_000_000 : value % 1_000_000)
        Self.appendFrame(more: true, to: &bytes) { bytes in
            bytes += Self.villagePrefix
            Self.appendVillage(keyIndex / 2, to: &bytes)
            bytes += keyIndex % 2 == 0 ? Self.collectiveSuffix : Self.operatingSuffix
        }
        Self.appendFrame(more: true, to: &bytes) { $0 += Self.zeroSequence }
        Self.appendFrame(more: true, to: &bytes) { bytes in
            withUnsafeBytes(of: (UInt64(n).bigEndian, UInt64(connection).bigEndian)) { bytes.append(contentsOf: $0) }
        }
        Self.appendFrame(more: true, to: &bytes) { bytes in
            bytes += Self.stampPrefix
            LogicalTime(wallMilliseconds: wall, counter: UInt32(truncatingIfNeeded: n)).appendText(to: &bytes)
            bytes += Self.originPrefix
            Self.appendVillage(keyIndex / 2, to: &bytes)
            bytes.append(0x0A)
        }
        Self.appendFrame(more: false, to: &bytes) { KVMessage.appendDecimal(figure, to: &$0) }
    }

    /// ``appendSubmit(connection:connections:n:value:wall:keepingTheRule:to:)`` stamped now.
    func appendSubmit(
        connection: Int, connections: Int, n: Int, value: UInt64, keepingTheRule: Bool = true, to bytes: inout [UInt8]
    ) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let wall = UInt64(now.tv_sec) * 1000 + UInt64(now.tv_nsec) / 1_000_000
        appendSubmit(
            connection: connection, connections: connections, n: n, value: value, wall: wall,
            keepingTheRule: keepingTheRule, to: &bytes)
    }

    /// One ZMTP 3 data frame whose body `write` appends: a short header, its size set once the body
    /// is written, made long when the body is over 255 bytes.
    static func appendFrame(more: Bool, to bytes: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
        let header = bytes.count
        bytes.append(more ? FrameStreamDecoder.moreFlag : 0)
        bytes.append(0)
        write(&bytes)
        let size = bytes.count - header - 2
        if size <= 255 {
            bytes[header + 1] = UInt8(size)
        } else {
            bytes[header] |= FrameStreamDecoder.longFlag
            bytes.replaceSubrange(header + 1..<header + 2, with: SequenceNumber.encode(UInt64(size)))
        }
    }

    /// The same request built through the wire types (the reference the byte-writing one follows).
    func submitThroughTheWireTypes(
        connection: Int, connections: Int, n: Int, uuid: [UInt8], value: UInt64, wall: UInt64, keepingTheRule: Bool = true
    ) -> [[UInt8]] {
        let perConnection = max(1, keyCount / connections)
        let index = (n % perConnection) * connections + connection
        let (key, village) = self.key(index % keyCount)
        let stamp = Stamp(wallMilliseconds: wall, counter: UInt32(truncatingIfNeeded: n), origin: "village:\(village)")
        let figure = !keepingTheRule ? value : (index % 2 == 0 ? 10_000_000 + value % 1_000_000 : value % 1_000_000)
        return SubmitRequest(key: key, uuid: uuid, stamp: stamp, body: Array(String(figure).utf8)).encode()
    }

    /// Checks the byte-writing requests against the wire types' encoding (every bench run, before
    /// any load: a wrong request would measure the wrong thing).
    static func checkRequests() throws {
        try checkLongFrames()
        let workload = Workload(villages: 1_234)
        for n in [0, 1, 7, 99, 1_000, 123_456] {
            for (connection, connections) in [(0, 1), (3, 16), (15, 16)] {
                for keepingTheRule in [true, false] {
                    let uuid = (0..<16).map { UInt8(truncatingIfNeeded: n + $0) }
                    let wall = 1_764_000_000_000 + UInt64(n)
                    let fast = workload.submit(
                        connection: connection, connections: connections, n: n, uuid: uuid, value: UInt64(n * 31),
                        wall: wall, keepingTheRule: keepingTheRule)
                    let reference = workload.submitThroughTheWireTypes(
                        connection: connection, connections: connections, n: n, uuid: uuid, value: UInt64(n * 31),
                        wall: wall, keepingTheRule: keepingTheRule)
                    guard fast == reference else {
                        throw BenchError("the load's request \(n) differs from the wire encoding: \(fast) against \(reference)")
                    }
                    // Framed in place, with the uuid the load gives request n.
                    var framed: [UInt8] = [0xAA]
                    workload.appendSubmit(
                        connection: connection, connections: connections, n: n, value: UInt64(n * 31), wall: wall,
                        keepingTheRule: keepingTheRule, to: &framed)
                    let expected = [0xAA] + FrameStreamEncoder.encode(
                        workload.submitThroughTheWireTypes(
                            connection: connection, connections: connections, n: n,
                            uuid: PipelinedLoad.uuid(request: n, connection: connection), value: UInt64(n * 31), wall: wall,
                            keepingTheRule: keepingTheRule))
                    guard framed == expected else {
                        throw BenchError("the load's framed request \(n) differs from the wire encoding: \(framed) against \(expected)")
                    }
                }
            }
        }
    }

    /// A frame over 255 bytes gets the long header, as the encoder writes it.
    static func checkLongFrames() throws {
        for size in [0, 1, 255, 256, 1_000] {
            let body = (0..<size).map { UInt8(truncatingIfNeeded: $0) }
            var framed: [UInt8] = [0xAA]
            appendFrame(more: true, to: &framed) { $0 += body }
            appendFrame(more: false, to: &framed) { $0 += body }
            guard framed == [0xAA] + FrameStreamEncoder.encode([body, body]) else {
                throw BenchError("a framed body of \(size) bytes differs from the wire encoding")
            }
        }
    }

    static let villagePrefix = Array("/village/v".utf8)
    static let collectiveSuffix = Array("/2023/collective_income".utf8)
    static let operatingSuffix = Array("/2023/operating_income".utf8)
    static let stampPrefix = Array("stamp=".utf8)
    static let originPrefix = Array("\norigin=village:v".utf8)
    static let zeroSequence = [UInt8](repeating: 0, count: 8)

    /// The digits of village `index` (`v` written by the caller): `index + 1`, zero-padded to six.
    static func appendVillage(_ index: Int, to bytes: inout [UInt8]) {
        let number = UInt64(index + 1)
        var digits = 1
        var rest = number
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        for _ in digits..<max(digits, 6) { bytes.append(UInt8(ascii: "0")) }
        KVMessage.appendDecimal(number, to: &bytes)
    }

}
